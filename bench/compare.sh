#!/usr/bin/env bash
# Issue 13's table in one run: JwtBlog (Release, Production) against a bare Kestrel app answering constant JSON
# (bench/BareKestrel: WebApplication.CreateSlimBuilder, one MapGet), on 127.0.0.1 only. Every row is measured in
# interleaved rounds (each round runs every row on every app, so noise from other work on the machine hits all alike);
# the table shows the median of the rounds and the ratio to the bare app's median.
#   GET /accounts/test/ with the auth cookie (session checked)   wrk -t2 -c32
#   GET /blog/ (first page, 20 posts)                             wrk -t2 -c32
#   GET / (home page, 20 posts, anonymous)                        wrk -t2 -c32
#   POST /blog/ with a Bearer token                               wrk -t2 -c16, a Lua script, p99 from --latency
#   resident memory (VmRSS) of each app process after the whole run
#
# Usage: bench/compare.sh [seconds per measurement, default 5] [rounds, default 3]
#   BENCH_BEFORE=<commit>  also publishes that commit (a git worktree in the temporary folder) and measures it in the
#                          same rounds: the "before" column
#   BENCH_POSTS=<n>        posts seeded before the run (default 1000; the write row adds more)
#   BENCH_WARMUP=<seconds> warm-up per row and app before the rounds (default 3; the JIT needs it on a busy machine)
#   BENCH_DIR=<folder>     where to work (default a new temporary folder, deleted at the end unless BENCH_KEEP=1)
# For the write row the bench raises the per-user post limits (RateLimiting:PostsPerMinutePerUser and
# RateLimiting:PostsPerDayPerUser) for its run: one bench user writes thousands of posts a second. Logins happen only
# during the set-up, so the login limits are raised too. Nothing else differs from Production's defaults.
# Bounded: 9 measurements a round (7 without BENCH_BEFORE) plus warm-ups; 5 s x 3 rounds is about 3 minutes after the
# publish. Needs dotnet, sqlite3, wrk and curl (apt-get install -y sqlite3 wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-5}
ROUNDS=${2:-3}
WARMUP=${BENCH_WARMUP:-3}
POSTS=${BENCH_POSTS:-1000}
BEFORE=${BENCH_BEFORE:-}
BASE_PORT=${BENCH_PORT:-5290}
WORK=${BENCH_DIR:-$(mktemp -d /tmp/jwtblog-compare.XXXXXX)}
mkdir -p "$WORK"
declare -A PIDS=() PORTS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$BEFORE" ] && [ -d "$WORK/before-src" ]; then git worktree remove --force "$WORK/before-src" || true; fi
  if [ "${BENCH_KEEP:-0}" != "1" ] && [ -z "${BENCH_DIR:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

for tool in dotnet sqlite3 wrk curl git; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y sqlite3 wrk)"; exit 1; }
done

SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
PASSWORD="bench-Passphrase-42"

echo "== Publishing (Release) to $WORK   [load average: $(cut -d' ' -f1-3 /proc/loadavg)]"
dotnet publish JwtBlog.Web -c Release -o "$WORK/now" --nologo -v q >/dev/null
dotnet publish bench/BareKestrel -c Release -o "$WORK/bare" --nologo -v q >/dev/null
APPS=(now)
if [ -n "$BEFORE" ]; then
  git worktree add -q --detach "$WORK/before-src" "$BEFORE"
  dotnet publish "$WORK/before-src/JwtBlog.Web" -c Release -o "$WORK/before" --nologo -v q >/dev/null
  APPS=(before now)
fi

wait_for() { # $1 = name, $2 = url
  for _ in $(seq 1 150); do
    if curl -fs -o /dev/null "$2"; then return; fi
    sleep 0.2
  done
  echo "$1 did not start:"; cat "$WORK/$1.log"; exit 1
}

# $1 = before|now. The database is seeded (below) before the app starts for the run.
start_blog() {
  local name=$1 port=$2
  (cd "$WORK/$name" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    App__PublicBaseUrl="http://127.0.0.1:$port" Email__PickupDirectory="$WORK/mail-$name" \
    ConnectionStrings__Default="Data Source=$WORK/$name.db" DataDirectory="$WORK/data-$name" Jwt__SigningKey="$SIGNING_KEY" \
    RateLimiting__AuthRequestsPerMinutePerIp=1000000 RateLimiting__PasswordHashesPerMinute=1000000 \
    RateLimiting__PostsPerMinutePerUser=100000000 RateLimiting__PostsPerDayPerUser=100000000 \
    dotnet JwtBlog.Web.dll) >"$WORK/$name.log" 2>&1 &
  PIDS[$name]=$!
  PORTS[$name]=$port
  wait_for "$name" "http://127.0.0.1:$port/health"
}

stop() { kill "${PIDS[$1]}"; wait "${PIDS[$1]}" 2>/dev/null || true; unset "PIDS[$1]"; }

# 100 authors and $POSTS posts of ~600 characters, oldest first, in one statement (as bench/blog-list.sh seeds).
seed() {
  sqlite3 "$1" <<SQL
BEGIN;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100)
INSERT INTO Users (FirstName, LastName, Gender, IsActive, IsStaff, IsSuperuser, DateJoined, UserName, NormalizedUserName,
                   Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
SELECT '', '', '', 1, 0, 0, '2020-01-01 00:00:00', 'author' || x || '@example.com', 'AUTHOR' || x || '@EXAMPLE.COM',
       'author' || x || '@example.com', 'AUTHOR' || x || '@EXAMPLE.COM', 0, 0, 0, 1, 0
FROM n;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $POSTS)
INSERT INTO Posts (Title, Content, AuthorId, CreatedAt, UpdatedAt)
SELECT 'Post number ' || x,
       'Post ' || x || ': ' || replace(hex(zeroblob(50)), '00', 'lorem ipsum '),
       CASE WHEN x % 50 = 0 THEN NULL ELSE 1 + x % 100 END,
       strftime('%Y-%m-%d %H:%M:%f', '2020-01-01', '+' || x || ' seconds'),
       strftime('%Y-%m-%d %H:%M:%f', '2020-01-01', '+' || x || ' seconds')
FROM n;
COMMIT;
SQL
}

port=$BASE_PORT
for name in "${APPS[@]}"; do
  echo "== $name: schema, $POSTS posts, a signed-in bench user"
  start_blog "$name" "$port"
  stop "$name"
  seed "$WORK/$name.db"
  start_blog "$name" "$port"
  base="http://127.0.0.1:$port"
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench@example.com\",\"password1\":\"$PASSWORD\",\"password2\":\"$PASSWORD\"}" "$base/accounts/join/"
  login=$(curl -fs -D "$WORK/$name.headers" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" "$base/accounts/login/")
  sed -n 's/^Set-Cookie: \(my-app-auth=[^;]*\);.*/\1/Ip' "$WORK/$name.headers" >"$WORK/$name.cookie"
  token=$(printf '%s' "$login" | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
  [ -n "$token" ] && [ -s "$WORK/$name.cookie" ] || { echo "$name: the bench user could not sign in: $login"; exit 1; }
  cat >"$WORK/$name-post.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"title":"Bench post %d","content":"Written by bench/compare.sh, request %d."}', n, n)
  return wrk.format("POST", "/blog/", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}, body)
end
LUA
  [ "$(curl -fs "$base/blog/" | grep -o '"id":' | wc -l)" -eq 20 ] || { echo "$name: GET /blog/ did not list 20 posts"; exit 1; }
  [ "$(curl -fs "$base/" | grep -c 'data-post-id=')" -eq 20 ] || { echo "$name: GET / did not list 20 posts"; exit 1; }
  port=$((port + 1))
done

(cd "$WORK/bare" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet BareKestrel.dll) >"$WORK/bare.log" 2>&1 &
PIDS[bare]=$!
PORTS[bare]=$port
wait_for bare "http://127.0.0.1:$port/"

ROWS=(auth list home write)
declare -A LABELS=(
  [auth]="GET /accounts/test/ with the cookie"
  [list]="GET /blog/ (first page, 20 posts)"
  [home]="GET / (home page, 20 posts, anonymous)"
  [write]="POST /blog/ with Bearer, 16 connections"
)
declare -A RPS=() P99=()

# $1 = app, $2 = row, $3 = seconds. Prints "<requests/s> <p99 ms>"; any non-2xx answer stops the bench.
measure() {
  local app=$1 row=$2 seconds=$3 base="http://127.0.0.1:${PORTS[$1]}" out
  case "$app:$row" in
    bare:*) out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$base/") ;;
    *:auth) out=$(wrk -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $(cat "$WORK/$app.cookie")" "$base/accounts/test/") ;;
    *:list) out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$base/blog/") ;;
    *:home) out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$base/") ;;
    *:write) out=$(wrk -t2 -c16 -d"${seconds}s" --latency -s "$WORK/$app-post.lua" "$base") ;;
  esac
  if grep -q 'Non-2xx' <<<"$out"; then echo "$app $row answered errors:" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ { rps = $2 }
       $1 == "99%" { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v);
                     if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; p99 = v }
       END { printf "%.0f %.1f\n", rps, p99 }' <<<"$out"
}

echo "== Warm-up (${WARMUP}s per row and app)"
measure bare auth "$WARMUP" >/dev/null
for app in "${APPS[@]}"; do for row in "${ROWS[@]}"; do measure "$app" "$row" "$WARMUP" >/dev/null; done; done

for round in $(seq 1 "$ROUNDS"); do
  echo "== Round $round of $ROUNDS (${DURATION}s each)   [load average: $(cut -d' ' -f1-3 /proc/loadavg)]"
  read -r rps p99 < <(measure bare auth "$DURATION")
  RPS["bare"]+="$rps "
  printf '   %-8s %-42s %8s req/s  p99 %7s ms\n' bare "GET / (constant JSON)" "$rps" "$p99"
  for row in "${ROWS[@]}"; do
    for app in "${APPS[@]}"; do
      read -r rps p99 < <(measure "$app" "$row" "$DURATION")
      RPS["$app|$row"]+="$rps "
      P99["$app|$row"]+="$p99 "
      printf '   %-8s %-42s %8s req/s  p99 %7s ms\n' "$app" "${LABELS[$row]}" "$rps" "$p99"
    done
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rss() { awk '/^VmRSS/ { printf "%d MB", $2 / 1024 }' "/proc/$1/status"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

bare=$(median "${RPS[bare]}")
echo
echo "Medians of $ROUNDS rounds of ${DURATION}s, wrk -t2, 127.0.0.1, $(nproc) cores, load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
header="| what |"; rule="| --- |"
for app in "${APPS[@]}"; do header+=" JwtBlog $app |"; rule+=" --- |"; done
header+=" bare Kestrel |"; rule+=" --- |"
for app in "${APPS[@]}"; do header+=" ratio $app |"; rule+=" --- |"; done
echo "$header"; echo "$rule"
for row in "${ROWS[@]}"; do
  line="| ${LABELS[$row]} |"
  for app in "${APPS[@]}"; do
    line+=" $(median "${RPS["$app|$row"]}") req/s"
    [ "$row" = write ] && line+=", p99 $(median "${P99["$app|$row"]}") ms"
    line+=" |"
  done
  [ "$row" = auth ] && line+=" $bare req/s |" || line+=" |"
  for app in "${APPS[@]}"; do
    [ "$row" = write ] && line+=" |" || line+=" $(ratio "$(median "${RPS["$app|$row"]}")" "$bare") |"
  done
  echo "$line"
done
line="| resident memory after the whole run |"
for app in "${APPS[@]}"; do line+=" $(rss "${PIDS[$app]}") |"; done
line+=" $(rss "${PIDS[bare]}") |"
for _ in "${APPS[@]}"; do line+=" |"; done
echo "$line"
