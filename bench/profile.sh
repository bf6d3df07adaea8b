#!/usr/bin/env bash
# Where the time of one read row goes: starts the published app as bench/compare.sh does (Release, Production, 100
# authors and 1,000 posts, a signed-in bench user), warms the row up, then loads it with wrk while dotnet-trace takes a
# CPU sample profile, and prints the top frames (inclusive and exclusive) plus the allocation rate and GC counters
# dotnet-counters saw during a second load of the same row. Not part of compare.sh's figures.
#
# Usage: bench/profile.sh <auth|list|home> [seconds, default 10]
#   SKIP_PUBLISH=1  reuse the app already published in $BENCH_DIR/app
#   BENCH_DIR       where to work (default /tmp/jwtblog-profile; kept, the .nettrace files stay there)
# Needs dotnet-trace and dotnet-counters (dotnet tool install -g dotnet-trace dotnet-counters), wrk, sqlite3, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROW=${1:?auth, list or home}
SECONDS_LOAD=${2:-10}
WORK=${BENCH_DIR:-/tmp/jwtblog-profile}
PORT=${BENCH_PORT:-5390}
PATH="$PATH:$HOME/.dotnet/tools"
mkdir -p "$WORK"
base="http://127.0.0.1:$PORT"
PASSWORD="bench-Passphrase-42"
SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')

if [ "${SKIP_PUBLISH:-0}" != "1" ]; then
  dotnet publish JwtBlog.Web -c Release -o "$WORK/app" --nologo -v q >/dev/null
fi

APP_PID=
cleanup() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

start() {
  (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" App__PublicBaseUrl="$base" \
    Email__PickupDirectory="$WORK/mail" ConnectionStrings__Default="Data Source=$WORK/profile.db" \
    DataDirectory="$WORK/data" Jwt__SigningKey="$SIGNING_KEY" \
    RateLimiting__AuthRequestsPerMinutePerIp=1000000 RateLimiting__PasswordHashesPerMinute=1000000 \
    dotnet JwtBlog.Web.dll) >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 150); do curl -fs -o /dev/null "$base/health" && return; sleep 0.2; done
  cat "$WORK/app.log"; exit 1
}

rm -rf "$WORK/profile.db" "$WORK/profile.db-wal" "$WORK/profile.db-shm" "$WORK/data"
start
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
sqlite3 "$WORK/profile.db" <<'SQL'
BEGIN;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100)
INSERT INTO Users (FirstName, LastName, Gender, IsActive, IsStaff, IsSuperuser, DateJoined, UserName, NormalizedUserName,
                   Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
SELECT '', '', '', 1, 0, 0, '2020-01-01 00:00:00', 'author' || x || '@example.com', 'AUTHOR' || x || '@EXAMPLE.COM',
       'author' || x || '@example.com', 'AUTHOR' || x || '@EXAMPLE.COM', 0, 0, 0, 1, 0
FROM n;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000)
INSERT INTO Posts (Title, Content, AuthorId, CreatedAt, UpdatedAt)
SELECT 'Post number ' || x, 'Post ' || x || ': ' || replace(hex(zeroblob(50)), '00', 'lorem ipsum '),
       CASE WHEN x % 50 = 0 THEN NULL ELSE 1 + x % 100 END,
       strftime('%Y-%m-%d %H:%M:%f', '2020-01-01', '+' || x || ' seconds'),
       strftime('%Y-%m-%d %H:%M:%f', '2020-01-01', '+' || x || ' seconds')
FROM n;
COMMIT;
SQL
start
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench@example.com\",\"password1\":\"$PASSWORD\",\"password2\":\"$PASSWORD\"}" "$base/accounts/join/"
curl -fs -o /dev/null -D "$WORK/headers" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" "$base/accounts/login/"
cookie=$(sed -n 's/^Set-Cookie: \(my-app-auth=[^;]*\);.*/\1/Ip' "$WORK/headers")

load() { # $1 = seconds
  case "$ROW" in
    auth) wrk -t2 -c32 -d"${1}s" -H "Cookie: $cookie" "$base/accounts/test/" ;;
    list) wrk -t2 -c32 -d"${1}s" "$base/blog/" ;;
    home) wrk -t2 -c32 -d"${1}s" "$base/" ;;
    *) echo "unknown row $ROW"; exit 1 ;;
  esac
}

echo "== warm-up"; load 5 | grep -E "Requests/sec|Non-2xx"
echo "== CPU sample profile of $ROW, ${SECONDS_LOAD}s"
trace="$WORK/$ROW.nettrace"
rm -f "$trace"
dotnet-trace collect -p "$APP_PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$((SECONDS_LOAD + 2))" -o "$trace" >/dev/null &
tracer=$!
sleep 1
load "$SECONDS_LOAD" | grep -E "Requests/sec|Non-2xx"
wait "$tracer" || true
dotnet-trace report "$trace" topN -n 40 --inclusive
dotnet-trace report "$trace" topN -n 40
echo "== counters of $ROW, ${SECONDS_LOAD}s"
dotnet-counters collect -p "$APP_PID" --counters System.Runtime --format csv -o "$WORK/$ROW-counters.csv" \
  --duration "00:00:00:$((SECONDS_LOAD + 2))" >/dev/null &
counter=$!
sleep 1
requests=$(load "$SECONDS_LOAD" | awk '/requests in/ { print $1 }')
wait "$counter" || true
echo "requests: $requests"
grep -E 'gc.heap.total_allocated|gc.collections|process.working_set|gc.last_collection.heap.size' "$WORK/$ROW-counters.csv" | tail -12
awk -v requests="$requests" '/VmRSS/ { printf "VmRSS now: %d MB\n", $2 / 1024 }' "/proc/$APP_PID/status"
