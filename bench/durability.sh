#!/usr/bin/env bash
# Does every acknowledged write survive kill -9? Publishes Release, starts the app on 127.0.0.1 with a fresh database,
# signs a user in, runs a POST /blog/ load (wrk -t2 -c16, Bearer) whose Lua script records the id of every 201 answer,
# kills the server with SIGKILL in the middle of the load, starts it again on the same database, and compares the
# acknowledged ids with the rows. Exit code 1 when an acknowledged post is missing. Rows without an acknowledgement
# (committed, but the answer never left before the kill) are expected and only counted.
# The per-user post limits are raised for the run (one user writes thousands of posts).
# Usage: bench/durability.sh [seconds of load before the kill, default 5] [rounds, default 3]
# SKIP_PUBLISH=1 with BENCH_DIR=<folder of an earlier run> reuses its publish. Needs dotnet, sqlite3, wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD_SECONDS=${1:-5}
ROUNDS=${2:-3}
PORT=${BENCH_PORT:-5390}
WORK=${BENCH_DIR:-$(mktemp -d /tmp/jwtblog-durability.XXXXXX)}
mkdir -p "$WORK"
SERVER=""

cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ "${BENCH_KEEP:-0}" != "1" ] && [ -z "${BENCH_DIR:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

for tool in dotnet sqlite3 wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y sqlite3 wrk)"; exit 1; }
done

if [ "${SKIP_PUBLISH:-0}" != "1" ]; then
  echo "== Publishing (Release) to $WORK/app"
  dotnet publish JwtBlog.Web -c Release -o "$WORK/app" --nologo -v q >/dev/null
fi

SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
PASSWORD="bench-Passphrase-42"
BASE="http://127.0.0.1:$PORT"
DB="$WORK/durability.db"
rm -f "$DB" "$DB-wal" "$DB-shm"

start() {
  (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
    App__PublicBaseUrl="$BASE" Email__PickupDirectory="$WORK/mail" \
    ConnectionStrings__Default="Data Source=$DB" DataDirectory="$WORK/data" Jwt__SigningKey="$SIGNING_KEY" \
    RateLimiting__AuthRequestsPerMinutePerIp=1000000 RateLimiting__PasswordHashesPerMinute=1000000 \
    RateLimiting__PostsPerMinutePerUser=100000000 RateLimiting__PostsPerDayPerUser=100000000 \
    dotnet JwtBlog.Web.dll) >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do
    if curl -fs -o /dev/null "$BASE/health"; then return; fi
    sleep 0.2
  done
  echo "The app did not start:"; tail -20 "$WORK/server.log"; exit 1
}

start
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"durable@example.com\",\"password1\":\"$PASSWORD\",\"password2\":\"$PASSWORD\"}" "$BASE/accounts/join/"

failed=0
for round in $(seq 1 "$ROUNDS"); do
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"durable@example.com\",\"password\":\"$PASSWORD\"}" \
    "$BASE/accounts/login/" | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
  rm -f "$WORK"/acked-*.txt
  # Each wrk thread has its own Lua state and file; an id is written (and flushed) only after its 201 arrived.
  cat >"$WORK/write.lua" <<LUA
local n, out = 0, nil
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("index", counter) end
init = function() out = io.open("$WORK/acked-" .. index .. ".txt", "a") end
request = function()
  n = n + 1
  return wrk.format("POST", "/blog/", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"},
    string.format('{"title":"Durable $round-%d-%d","content":"kill -9 test"}', index, n))
end
response = function(status, headers, body)
  if status == 201 then
    local id = body:match('"id":(%d+)')
    if id then out:write(id, "\n"); out:flush() end
  end
end
LUA
  wrk -t2 -c16 -d"$((LOAD_SECONDS + 3))s" -s "$WORK/write.lua" "$BASE" >"$WORK/wrk-$round.txt" 2>&1 &
  load=$!
  sleep "$LOAD_SECONDS"
  kill -9 "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  wait "$load" || true

  start
  cat "$WORK"/acked-*.txt 2>/dev/null | sort -n >"$WORK/acked.txt"
  sqlite3 "$DB" "SELECT Id FROM Posts WHERE Title LIKE 'Durable $round-%' ORDER BY Id" >"$WORK/rows.txt"
  acked=$(wc -l <"$WORK/acked.txt")
  rows=$(wc -l <"$WORK/rows.txt")
  missing=$(comm -23 "$WORK/acked.txt" "$WORK/rows.txt" | wc -l)
  extra=$(comm -13 "$WORK/acked.txt" "$WORK/rows.txt" | wc -l)
  echo "round $round: $acked acknowledged, $rows rows after the restart, $missing acknowledged but missing, $extra committed without an answer"
  [ "$acked" -gt 0 ] || { echo "   no write was acknowledged: the load did not run"; failed=1; }
  [ "$missing" -eq 0 ] || failed=1
done

if [ "$failed" -ne 0 ]; then echo "FAILED"; exit 1; fi
echo "OK: every acknowledged write survived kill -9"
