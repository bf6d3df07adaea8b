#!/usr/bin/env bash
# Latency of the admin list pages at scale: 100k users and 1M posts seeded in bulk with the sqlite3 CLI, the published
# app on 127.0.0.1, median and p95 of first and deep pages, then EXPLAIN QUERY PLAN of the queries the app really ran.
#
#   bench/admin-lists.sh                 # everything in /tmp/jwtblog-bench (about 400 MB, not in the repository)
#   RUNS=50 USERS=100000 POSTS=1000000 PORT=5187 BENCH_DIR=/tmp/x bench/admin-lists.sh
#   SKIP_PUBLISH=1 SKIP_SEED=1 bench/admin-lists.sh    # reuse the app and database of the last run
#
# Needs dotnet, sqlite3 (apt-get install -y sqlite3), curl. Bounded: RUNS requests per URL after 3 warm-ups.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/jwtblog-bench}"
USERS="${USERS:-100000}"
POSTS="${POSTS:-1000000}"
RUNS="${RUNS:-30}"
PORT="${PORT:-5187}"
BASE="http://127.0.0.1:$PORT"
APP="$BENCH_DIR/app"
DB="$BENCH_DIR/bench.db"
LOG="$BENCH_DIR/server.log"
JAR="$BENCH_DIR/cookies.txt"
ADMIN_EMAIL="admin@bench.example"

export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__Default="Data Source=$DB"
export DataDirectory="$BENCH_DIR/data"
export App__PublicBaseUrl="http://127.0.0.1"
export Email__PickupDirectory="$BENCH_DIR/mail"
export Jwt__SigningKey="bench-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz"
export JWTBLOG_SUPERUSER_PASSWORD="Bench-Admin-Pass-2024"

mkdir -p "$BENCH_DIR"
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "== publish (Release) to $APP"
  dotnet publish "$REPO/JwtBlog.Web" -c Release -o "$APP" --nologo -v quiet
fi

# The app reads appsettings.json from its content root, the current folder.
cd "$APP"
if [ "${SKIP_SEED:-0}" != 1 ]; then
  echo "== seed $USERS users and $POSTS posts into $DB"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  dotnet JwtBlog.Web.dll migrate >/dev/null
  dotnet JwtBlog.Web.dll createsuperuser --no-input --email "$ADMIN_EMAIL" >/dev/null
  time sqlite3 "$DB" -cmd ".parameter set @users $USERS" -cmd ".parameter set @posts $POSTS" < "$REPO/bench/seed.sql" >/dev/null
  ls -l "$DB"
fi

echo "== start the app on $BASE"
# The SQL of every query goes to the server log, for EXPLAIN QUERY PLAN below.
env 'Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information' \
  dotnet JwtBlog.Web.dll --urls "$BASE" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "$BASE/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$BASE/health" >/dev/null

rm -f "$JAR"
curl -fs -c "$JAR" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$JWTBLOG_SUPERUSER_PASSWORD\"}" "$BASE/accounts/login/" >/dev/null

# The app's opaque cursor: base64url("sort\nid\nkey").
cursor() { printf '%s\n%s\n%s' "$1" "$2" "$3" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
# The (id, key) of the row at offset $2 in the order $1, as the keyset reads it.
row_at() { sqlite3 -separator ' ' "$DB" "SELECT Id, $3 FROM $1 LIMIT 1 OFFSET $2"; }
ticks() { # EF's DateTime text to .NET ticks
  local seconds; seconds=$(date -u -d "$1" +%s)
  echo $(( (seconds + 62135596800) * 10000000 ))
}

deep_users=$((USERS / 2)); last_users=$((USERS - 60)); deep_posts=$((POSTS / 2)); last_posts=$((POSTS - 60))
read -r id key < <(row_at "Users ORDER BY DateJoined DESC, Id DESC" "$deep_users" "replace(DateJoined, ' ', 'T')")
joined_deep=$(cursor -joined "$id" "$(ticks "$key")")
read -r id key < <(row_at "Users ORDER BY DateJoined DESC, Id DESC" "$last_users" "replace(DateJoined, ' ', 'T')")
joined_last=$(cursor -joined "$id" "$(ticks "$key")")
read -r id key < <(row_at "Users ORDER BY NormalizedEmail, Id" "$deep_users" "NormalizedEmail")
email_deep=$(cursor email "$id" "$key")
read -r id _ < <(row_at "Posts ORDER BY Id DESC" "$deep_posts" "''")
posts_deep=$(cursor -id "$id" "")
read -r id _ < <(row_at "Posts ORDER BY Id DESC" "$last_posts" "''")
posts_last=$(cursor -id "$id" "")

printf '\n%-44s %6s %10s %10s %8s\n' "page" "status" "median ms" "p95 ms" "rows"
measure() {
  local name="$1" url="$2" times status rows
  for _ in 1 2 3; do curl -s -o /dev/null -b "$JAR" "$BASE$url"; done
  times=$(for _ in $(seq 1 "$RUNS"); do curl -s -o /dev/null -b "$JAR" -w '%{time_total}\n' "$BASE$url"; done | sort -n)
  status=$(curl -s -o "$BENCH_DIR/page.html" -b "$JAR" -w '%{http_code}' "$BASE$url")
  rows=$(grep -c -E 'data-(user|post)-id=' "$BENCH_DIR/page.html" || true)
  printf '%-44s %6s %10.1f %10.1f %8s\n' "$name" "$status" \
    "$(echo "$times" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) * 1000}')" \
    "$(echo "$times" | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; print a[i] * 1000}')" \
    "$rows"
}

measure "users, first page (newest joined)"        "/admin/users"
measure "users, page $((deep_users / 50 + 1)) (newest joined)"     "/admin/users?after=$joined_deep"
measure "users, last page (newest joined)"         "/admin/users?after=$joined_last"
measure "users, previous of page $((deep_users / 50 + 1))"          "/admin/users?before=$joined_deep"
measure "users, first page by email"               "/admin/users?sort=email"
measure "users, page $((deep_users / 50 + 1)) by email"             "/admin/users?sort=email&after=$email_deep"
measure "users, staff filter (1 in 1000)"          "/admin/users?staff=true"
measure "users, inactive filter (1 in 50)"         "/admin/users?active=false"
measure "users, search common (\"user1\")"         "/admin/users?q=user1"
measure "users, search rare (one email)"           "/admin/users?q=user77777%40"
measure "users, search no match"                   "/admin/users?q=nomatch"
measure "posts, first page (newest)"               "/admin/posts"
measure "posts, page $((deep_posts / 50 + 1))"                "/admin/posts?after=$posts_deep"
measure "posts, last page"                         "/admin/posts?after=$posts_last"
measure "posts, search common (\"number 1\")"      "/admin/posts?q=number+1"
measure "posts, search rare (one title)"           "/admin/posts?q=number+777777."
measure "posts, search no match"                   "/admin/posts?q=nomatch"
measure "admin home (recent actions)"              "/admin"

echo
echo "== for contrast, the same deep pages read with OFFSET (sqlite3 CLI, no HTTP; median of 5)"
offset_ms() {
  for _ in 1 2 3 4 5; do
    local start end; start=$(date +%s%N)
    sqlite3 "$DB" "$1" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | sort -n | sed -n 3p
}
printf '%-44s %10s ms\n' "sqlite3 start-up alone (SELECT 1)" "$(offset_ms "SELECT 1")"
printf '%-44s %10s ms\n' "users OFFSET $deep_users (newest joined)" \
  "$(offset_ms "SELECT Id, Email FROM Users ORDER BY DateJoined DESC, Id DESC LIMIT 51 OFFSET $deep_users")"
printf '%-44s %10s ms\n' "posts OFFSET $deep_posts (newest)" \
  "$(offset_ms "SELECT Id, Title, CreatedAt FROM Posts ORDER BY Id DESC LIMIT 51 OFFSET $deep_posts")"
printf '%-44s %10s ms\n' "posts keyset at the same place" \
  "$(offset_ms "SELECT Id, Title, CreatedAt FROM Posts WHERE Id < $(sqlite3 "$DB" "SELECT Id FROM Posts ORDER BY Id DESC LIMIT 1 OFFSET $deep_posts") ORDER BY Id DESC LIMIT 51")"

echo
echo "== EXPLAIN QUERY PLAN of the list queries the app ran (unbound parameters are NULL; plans do not depend on values)"
# Each logged command is the "Executed DbCommand" line and the indented SQL lines under it.
awk '/Executed DbCommand/ {if (sql != "") print sql; sql=""; grab=1; next}
     grab && /^      / {sub(/^      /, ""); sql = sql " " $0; next}
     {if (sql != "") print sql; sql=""; grab=0}
     END {if (sql != "") print sql}' "$LOG" \
  | grep -E 'FROM "(Users|Posts)" AS "(u|p)"' | grep -E 'ORDER BY' | sort -u \
  | while read -r sql; do
      echo "-- $sql"
      sqlite3 "$DB" "EXPLAIN QUERY PLAN $sql"
      echo
    done
