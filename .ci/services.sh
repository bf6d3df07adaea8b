#!/usr/bin/env bash
# Starts PostgreSQL and Redis on loopback ports with their own data directories under $1 (no service manager
# needed), and prints the environment that points the tests (and the app) at them. Used by .ci/run and bench/.
#   eval "$(.ci/services.sh /tmp/jwtblog-services)"        stop: .ci/services.sh /tmp/jwtblog-services stop
set -euo pipefail
root="${1:?usage: services.sh <folder> [stop]}"
pg_port="${JWTBLOG_PG_PORT:-55432}"
redis_port="${JWTBLOG_REDIS_PORT:-56379}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# PostgreSQL refuses to run as root: the server runs as the package's postgres user, or as the CI user itself.
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); else as_pg=(); fi

if [ "${2:-}" = "stop" ]; then
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$root/pg" -m fast stop >/dev/null 2>&1 || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  exit 0
fi

mkdir -p "$root"
if [ ! -d "$root/pg" ]; then
  install -d -m 700 "$root/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$root" "$root/pg"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$root/pg" -U postgres --auth=trust -E UTF8 >"$root/initdb.log" 2>&1
fi
# Throwaway test data: fsync off. max_connections covers the tests' parallel apps and their pools.
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$root/pg" -l "$root/pg.log" -w start \
  -o "-p $pg_port -k $root -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off" >/dev/null
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$root" --save "" --appendonly no --daemonize yes \
  --logfile "$root/redis.log" >/dev/null

echo "export JWTBLOG_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Maximum Pool Size=20'"
echo "export JWTBLOG_TEST_REDIS='127.0.0.1:$redis_port'"
