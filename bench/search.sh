#!/usr/bin/env bash
# Search latency at 1k and 1M posts: for each size a fresh database (migrated by the app, so the FTS5 index and its
# triggers exist), posts seeded in bulk with the sqlite3 CLI through bench/seed.sql (the triggers index every row, as
# the app's own writes do), every 1000th post given Korean text, then the published app on 127.0.0.1 and p50/p95
# over RUNS requests of /search and /admin/posts for a rare term, a common term and a Korean word.
#
#   bench/search.sh                                    # everything in /tmp/jwtblog-search (about 700 MB at 1M posts)
#   SIZES="1000 1000000" RUNS=30 PORT=5189 BENCH_DIR=/tmp/x bench/search.sh
#   SKIP_PUBLISH=1 bench/search.sh                     # reuse the app of the last run
#
# Needs dotnet, sqlite3 (apt-get install -y sqlite3), curl. Bounded: RUNS requests per URL after 3 warm-ups, for each
# size; the 1M seed takes a few minutes (the index is built row by row by the triggers).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/jwtblog-search}"
SIZES="${SIZES:-1000 1000000}"
RUNS="${RUNS:-30}"
PORT="${PORT:-5189}"
BASE="http://127.0.0.1:$PORT"
APP="$BENCH_DIR/app"
JAR="$BENCH_DIR/cookies.txt"
ADMIN_EMAIL="admin@bench.example"

export ASPNETCORE_ENVIRONMENT=Production
export DataDirectory="$BENCH_DIR/data"
export App__PublicBaseUrl="http://127.0.0.1"
export Email__PickupDirectory="$BENCH_DIR/mail"
export Jwt__SigningKey="bench-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz"
export JWTBLOG_SUPERUSER_PASSWORD="Bench-Admin-Pass-2024"

mkdir -p "$BENCH_DIR"
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "== publish (Release) to $APP   [load average: $(cut -d' ' -f1-3 /proc/loadavg)]"
  dotnet publish "$REPO/JwtBlog.Web" -c Release -o "$APP" --nologo -v quiet
fi
cd "$APP"

SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true' EXIT

measure() { # $1 = label, $2 = url, $3 = cookie jar or ""
  local times status rows auth=()
  [ -n "$3" ] && auth=(-b "$3")
  for _ in 1 2 3; do curl -s -o /dev/null "${auth[@]}" "$BASE$2"; done
  times=$(for _ in $(seq 1 "$RUNS"); do curl -s -o /dev/null "${auth[@]}" -w '%{time_total}\n' "$BASE$2"; done | sort -n)
  status=$(curl -s -o "$BENCH_DIR/page.html" "${auth[@]}" -w '%{http_code}' "$BASE$2")
  rows=$(grep -c -E 'data-post-id=' "$BENCH_DIR/page.html" || true)
  printf '%-10s %-40s %6s %9.1f %9.1f %6s\n' "$SIZE" "$1" "$status" \
    "$(echo "$times" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) * 1000}')" \
    "$(echo "$times" | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; print a[i] * 1000}')" \
    "$rows"
}

printf '\n%-10s %-40s %6s %9s %9s %6s\n' "posts" "request" "status" "p50 ms" "p95 ms" "rows"
for SIZE in $SIZES; do
  DB="$BENCH_DIR/search-$SIZE.db"
  export ConnectionStrings__Default="Data Source=$DB"
  users=$(( SIZE / 10 > 100 ? SIZE / 10 : 100 ))
  rm -f "$DB" "$DB-wal" "$DB-shm"
  dotnet JwtBlog.Web.dll migrate >/dev/null
  dotnet JwtBlog.Web.dll createsuperuser --no-input --email "$ADMIN_EMAIL" >/dev/null
  start=$(date +%s)
  sqlite3 "$DB" -cmd ".parameter set @users $users" -cmd ".parameter set @posts $SIZE" < "$REPO/bench/seed.sql" >/dev/null
  sqlite3 "$DB" "UPDATE Posts SET Content = Content || ' 안녕하세요, 서울에서 만나요.' WHERE Id % 1000 = 0;" >/dev/null
  echo "   seeded $SIZE posts in $(( $(date +%s) - start )) s, $(du -h "$DB" | cut -f1)" >&2

  dotnet JwtBlog.Web.dll --urls "$BASE" >"$BENCH_DIR/server-$SIZE.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$BASE/health" >/dev/null
  rm -f "$JAR"
  curl -fs -c "$JAR" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$JWTBLOG_SUPERUSER_PASSWORD\"}" "$BASE/accounts/login/" >/dev/null

  rare=$(( SIZE / 2 + 7 ))
  measure "/search rare (\"$rare\", 1 post)"    "/search?q=$rare" ""
  measure "/search common (\"lorem\", all)"     "/search?q=lorem" ""
  measure "/search Korean (\"안녕\", 1 in 1000)" "/search?q=%EC%95%88%EB%85%95" ""
  measure "/search no match"                    "/search?q=nomatchword" ""
  measure "admin rare"                          "/admin/posts?q=$rare" "$JAR"
  measure "admin common (\"lorem\")"            "/admin/posts?q=lorem" "$JAR"
  measure "admin Korean (\"안녕\")"              "/admin/posts?q=%EC%95%88%EB%85%95" "$JAR"

  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
done

echo
echo "== EXPLAIN QUERY PLAN of the public search (last database)"
sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT p.Id, p.CreatedAt, highlight(PostsSearch, 0, char(57344), char(57345)), snippet(PostsSearch, 1, char(57344), char(57345), '…', 32) FROM PostsSearch JOIN Posts AS p ON p.Id = PostsSearch.rowid WHERE PostsSearch MATCH '\"lorem\"*' AND PostsSearch.rowid < 2147483647 ORDER BY PostsSearch.rowid DESC LIMIT 21"
