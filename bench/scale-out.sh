#!/usr/bin/env bash
# Issue 14's bench: the same rows on three topologies, on this machine, loopback only, wrk:
#   sqlite  one instance, SQLite (the embedded default)
#   pg      one instance, PostgreSQL, no Redis
#   nginx   two instances on PostgreSQL with Redis, behind nginx (round robin), all clients through nginx
# Rows (each after a warm-up):
#   GET /blog/ (first page, 20 posts)                       wrk -t2 -c32
#   GET /accounts/test/ with the auth cookie                 wrk -t2 -c32
#   POST /blog/ with a Bearer token (a Lua script)           wrk -t2 -c16
#   POST /accounts/login/ (a right password: one bcrypt)     wrk -t2 -c8
# Every instance runs as production runs it: the published app (Release), the environment from deploy/jwtblog.env
# (its placeholders filled in), nginx from deploy/nginx-jwtblog.conf with the "# tls" lines dropped, as the CI test
# does (NginxCluster.cs). Only the rate limits are raised (one bench client writes and signs in thousands of times).
#
# Usage: bench/scale-out.sh [seconds per measurement, default 5]
#   BENCH_WARMUP=<seconds>     warm-up per row (default 2)
#   BENCH_PUBLISHED=<folder>   an app already published (default: publishes into the work folder)
#   BENCH_DIR=<folder>         where to work (default a new temporary folder, deleted at the end)
#   JWTBLOG_TEST_POSTGRES / JWTBLOG_TEST_REDIS   servers to use (as .ci/services.sh prints them); unset: the script
#                              starts its own with .ci/services.sh in the work folder and stops them at the end
# Bounded: 12 measurements plus warm-ups; 5 s each is about 2 minutes after the publish.
# Needs dotnet, wrk, curl, nginx, PostgreSQL's psql (apt-get install -y wrk nginx-light postgresql redis-server).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-5}
WARMUP=${BENCH_WARMUP:-2}
WORK=${BENCH_DIR:-$(mktemp -d /tmp/jwtblog-scale-out.XXXXXX)}
mkdir -p "$WORK"
PIDS=()
OWN_SERVICES=0
HOST=blog.example.com

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ "$OWN_SERVICES" = 1 ] && .ci/services.sh "$WORK/services" stop
  [ -z "${BENCH_DIR:-}" ] && rm -rf "$WORK"
  return 0
}
trap cleanup EXIT

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PSQL="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"
for tool in dotnet wrk curl "$NGINX" "$PSQL"; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y wrk nginx-light postgresql redis-server)"; exit 1; }
done

if [ -z "${JWTBLOG_TEST_POSTGRES:-}" ] || [ -z "${JWTBLOG_TEST_REDIS:-}" ]; then
  eval "$(.ci/services.sh "$WORK/services")"
  OWN_SERVICES=1
fi
PG_PORT=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$JWTBLOG_TEST_POSTGRES")
PG_USER=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$JWTBLOG_TEST_POSTGRES")
psql() { PGPASSWORD="${BENCH_PG_PASSWORD:-}" "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qtA "$@"; }
# The nginx pass shares the Redis server with nobody else: empty it so no earlier run's counters count.
REDIS_PORT=${JWTBLOG_TEST_REDIS##*:}

if [ -n "${BENCH_PUBLISHED:-}" ]; then
  APP=$BENCH_PUBLISHED
else
  echo "== Publishing (Release) to $WORK/app   [load average: $(cut -d' ' -f1-3 /proc/loadavg)]"
  dotnet publish JwtBlog.Web -c Release -o "$WORK/app" --nologo -v q >/dev/null
  APP=$WORK/app
fi

SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
PASSWORD="bench-Passphrase-42"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# deploy/jwtblog.env as KEY=VALUE words, its placeholders replaced: $1 = provider, $2 = connection string, $3 = redis.
operator_env() {
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      ''|'#'*) continue ;;
      Jwt__SigningKey) value=$SIGNING_KEY ;;
      Database__Provider) value=$1 ;;
      ConnectionStrings__Default) value=$2 ;;
      Redis__Configuration) value=$3 ;;
      Email__Smtp__Host) value="" ;;
      DataDirectory) value=$WORK/data ;;
    esac
    printf '%s=%s\n' "$key" "$value"
  done <deploy/jwtblog.env
  echo "Email__PickupDirectory=$WORK/mail"
  echo "RateLimiting__AuthRequestsPerMinutePerIp=1000000"
  echo "RateLimiting__PasswordHashesPerMinute=1000000"
  echo "RateLimiting__PostsPerMinutePerUser=100000000"
  echo "RateLimiting__PostsPerDayPerUser=100000000"
}

# $1 = name, $2 = port, $3.. = KEY=VALUE. Waits for /health/ready.
start_app() {
  local name=$1 port=$2
  shift 2
  (cd "$APP" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" DataDirectory="$WORK/data-$name" dotnet JwtBlog.Web.dll) \
    >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    if curl -fs -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$port/health/ready"; then return; fi
    sleep 0.2
  done
  echo "$name did not start:"; tail -n 30 "$WORK/$name.log"; exit 1
}

# $1 = folder, $2 = listen port, $3 $4 = the instances' ports.
start_nginx() {
  mkdir -p "$1"
  sed -e '/# tls$/d' -e '/^[[:space:]]*#/d' -e "s/listen 443 ssl;/listen 127.0.0.1:$2;/" \
    -e "s/server 127.0.0.1:5001 /server 127.0.0.1:$3 /" -e "s/server 127.0.0.1:5002 /server 127.0.0.1:$4 /" \
    -e 's/X-Forwarded-Proto \$scheme;/X-Forwarded-Proto https;/' deploy/nginx-jwtblog.conf >"$1/jwtblog.conf"
  cat >"$1/nginx.conf" <<NGINX
worker_processes auto;
pid $1/nginx.pid;
error_log $1/error.log warn;
$([ "$(id -u)" -eq 0 ] && echo 'user root;')
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $1/client_body;
    proxy_temp_path $1/proxy;
    fastcgi_temp_path $1/fastcgi;
    uwsgi_temp_path $1/uwsgi;
    scgi_temp_path $1/scgi;
    include $1/jwtblog.conf;
}
NGINX
  "$NGINX" -p "$1" -e "$1/error.log" -c "$1/nginx.conf" -g 'daemon off;' &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    if curl -fs -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$2/health/ready"; then return; fi
    sleep 0.1
  done
  echo "nginx did not start:"; cat "$1/error.log"; exit 1
}

# A bench user with 100 posts (so GET /blog/ lists a full page), its cookie and token, and a second user for logins.
prepare() {
  local base=$1 name=$2 login token i
  for email in bench $(seq -f 'login%g' 1 16); do
    curl -fs -o /dev/null -H "Host: $HOST" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email@example.com\",\"password1\":\"$PASSWORD\",\"password2\":\"$PASSWORD\"}" "$base/accounts/join/"
  done
  login=$(curl -fs -D "$WORK/$name.headers" -H "Host: $HOST" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" "$base/accounts/login/")
  sed -n 's/^Set-Cookie: \(my-app-auth=[^;]*\);.*/\1/Ip' "$WORK/$name.headers" >"$WORK/$name.cookie"
  token=$(printf '%s' "$login" | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
  [ -n "$token" ] && [ -s "$WORK/$name.cookie" ] || { echo "$name: the bench user could not sign in: $login"; exit 1; }
  for i in $(seq 1 100); do
    curl -fs -o /dev/null -H "Host: $HOST" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
      -d "{\"title\":\"Seeded post $i\",\"content\":\"Post $i: $(printf 'lorem ipsum %.0s' $(seq 1 45))\"}" "$base/blog/"
  done
  cat >"$WORK/$name-post.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"title":"Bench post %d","content":"Written by bench/scale-out.sh, request %d."}', n, n)
  return wrk.format("POST", "/blog/", {["Host"] = "$HOST", ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}, body)
end
LUA
  # 16 accounts taken in turn: a login is counted against its account's lockout before the password is checked, so
  # 5 parallel logins of one account would lock it.
  cat >"$WORK/login.lua" <<LUA
local n = math.random(0, 15)
request = function()
  n = (n + 1) % 16
  local body = string.format('{"email":"login%d@example.com","password":"$PASSWORD"}', n + 1)
  return wrk.format("POST", "/accounts/login/", {["Host"] = "$HOST", ["Content-Type"] = "application/json"}, body)
end
LUA
  [ "$(curl -fs -H "Host: $HOST" "$base/blog/" | grep -o '"id":' | wc -l)" -eq 20 ] || { echo "$name: GET /blog/ did not list 20 posts"; exit 1; }
}

ROWS=(list auth write login)
declare -A LABELS=(
  [list]="GET /blog/ (20 posts)"
  [auth]="GET /accounts/test/ with the cookie"
  [write]="POST /blog/ with Bearer"
  [login]="POST /accounts/login/"
)
declare -A RESULT=()

# $1 = base, $2 = name, $3 = row, $4 = seconds. Prints "<requests/s> <p99 ms> <non-2xx> <timeouts>".
measure() {
  local base=$1 name=$2 row=$3 seconds=$4 out
  case "$row" in
    list) out=$(wrk -t2 -c32 -d"${seconds}s" --timeout 10s --latency -H "Host: $HOST" "$base/blog/") ;;
    auth) out=$(wrk -t2 -c32 -d"${seconds}s" --timeout 10s --latency -H "Host: $HOST" -H "Cookie: $(cat "$WORK/$name.cookie")" "$base/accounts/test/") ;;
    write) out=$(wrk -t2 -c16 -d"${seconds}s" --timeout 10s --latency -s "$WORK/$name-post.lua" "$base") ;;
    login) out=$(wrk -t2 -c8 -d"${seconds}s" --timeout 10s --latency -s "$WORK/login.lua" "$base/accounts/login/") ;;
  esac
  awk '/Requests\/sec/ { rps = $2 }
       /Non-2xx/ { errors = $NF }
       /Socket errors/ { timeouts = $NF }
       $1 == "99%" { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v);
                     if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; p99 = v }
       END { printf "%.0f %.1f %d %d\n", rps, p99, errors, timeouts }' <<<"$out"
}

# $1 = topology, $2 = base url.
run_rows() {
  local topology=$1 base=$2 rps p99 errors timeouts
  prepare "$base" "$topology"
  for row in "${ROWS[@]}"; do
    measure "$base" "$topology" "$row" "$WARMUP" >/dev/null
    read -r rps p99 errors timeouts < <(measure "$base" "$topology" "$row" "$DURATION")
    RESULT["$topology|$row"]="$rps req/s, p99 $p99 ms"
    if [ "$errors" -gt 0 ]; then RESULT["$topology|$row"]+=", $errors non-2xx"; fi
    if [ "$timeouts" -gt 0 ]; then RESULT["$topology|$row"]+=", $timeouts timed out (10 s)"; fi
    printf '   %-6s %-38s %s   [load average: %s]\n' "$topology" "${LABELS[$row]}" "${RESULT["$topology|$row"]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
}

stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

new_database() { # $1 = name; prints its connection string
  psql -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null 2>&1
  echo "Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=$PG_USER;Maximum Pool Size=50"
}

echo "== sqlite: one instance"
mapfile -t ENV_SQLITE < <(operator_env Sqlite "Data Source=$WORK/bench.db" "")
port=$(free_port)
start_app sqlite "$port" "${ENV_SQLITE[@]}"
run_rows sqlite "http://127.0.0.1:$port"
stop_all

echo "== pg: one instance on PostgreSQL, no Redis"
mapfile -t ENV_PG < <(operator_env Postgres "$(new_database jwtblog_bench_one)" "")
(cd "$APP" && env "${ENV_PG[@]}" dotnet JwtBlog.Web.dll migrate >/dev/null 2>&1)
port=$(free_port)
start_app pg "$port" "${ENV_PG[@]}"
run_rows pg "http://127.0.0.1:$port"
stop_all

echo "== nginx: two instances on PostgreSQL with Redis, behind nginx"
redis-cli -p "$REDIS_PORT" flushall >/dev/null 2>&1 || true
mapfile -t ENV_TWO < <(operator_env Postgres "$(new_database jwtblog_bench_two)" "$JWTBLOG_TEST_REDIS")
(cd "$APP" && env "${ENV_TWO[@]}" dotnet JwtBlog.Web.dll migrate >/dev/null 2>&1)
port_a=$(free_port); start_app a "$port_a" "${ENV_TWO[@]}"
port_b=$(free_port); start_app b "$port_b" "${ENV_TWO[@]}"
port=$(free_port)
start_nginx "$WORK/nginx" "$port" "$port_a" "$port_b"
run_rows nginx "http://127.0.0.1:$port"
stop_all
psql -c "DROP DATABASE IF EXISTS jwtblog_bench_one WITH (FORCE)" -c "DROP DATABASE IF EXISTS jwtblog_bench_two WITH (FORCE)" >/dev/null 2>&1

echo
echo "${DURATION}s per row after a ${WARMUP}s warm-up, wrk -t2, 127.0.0.1, $(nproc) cores, load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| what | one instance, SQLite | one instance, PostgreSQL | two instances behind nginx, PostgreSQL + Redis |"
echo "| --- | --- | --- | --- |"
for row in "${ROWS[@]}"; do
  echo "| ${LABELS[$row]} | ${RESULT["sqlite|$row"]} | ${RESULT["pg|$row"]} | ${RESULT["nginx|$row"]} |"
done
