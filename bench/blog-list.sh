#!/usr/bin/env bash
# Does the post list cost the same at 1,000 and at 1,000,000 posts? Publishes Release, seeds two SQLite databases in
# bulk (one INSERT ... WITH RECURSIVE each), starts the app on 127.0.0.1 for each, prints EXPLAIN QUERY PLAN of the
# list queries the app really runs, then starts one app per database and measures, in alternating rounds so that
# noise from other work on the machine hits both sizes alike, the median latency (wrk, one connection) of:
#   GET /blog/?limit=20                  the API's first page
#   GET /blog/?limit=20&cursor=<deep>    the API's page after post 101 (999,900 posts deep at 1M)
#   GET /                                 the home page's first page
#   GET /?cursor=<deep>                   the home page, same depth
#
# Usage: bench/blog-list.sh [seconds per measurement, default 5] [post counts, default "1000 1000000"]
# BENCH_ROUNDS (default 3) sets the rounds; the table shows the median of the rounds' medians.
# Needs dotnet, sqlite3 (3.32+), wrk and curl (apt-get install -y sqlite3 wrk). Everything is written to a temporary
# folder (BENCH_DIR to choose it), which is deleted at the end unless BENCH_KEEP=1; the databases are never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-5}
COUNTS=${2:-"1000 1000000"}
ROUNDS=${BENCH_ROUNDS:-3}
PORT=${BENCH_PORT:-5190}
WORK=${BENCH_DIR:-$(mktemp -d /tmp/jwtblog-bench.XXXXXX)}
mkdir -p "$WORK/data"
declare -A APPS=()

cleanup() {
  for pid in "${APPS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ "${BENCH_KEEP:-0}" != "1" ] && [ -z "${BENCH_DIR:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

for tool in dotnet sqlite3 wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y sqlite3 wrk)"; exit 1; }
done

# The key only has to be long enough; the benchmark signs nobody in.
SIGNING_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')

# $1 = name, $2 = port, $3 = database file, then extra environment assignments. Logs go to $WORK/<name>.log.
start_app() {
  local name=$1 port=$2 db=$3
  shift 3
  (cd "$WORK/publish" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" App__PublicBaseUrl="http://127.0.0.1:$port" Email__PickupDirectory="$WORK/mail" \
    ConnectionStrings__Default="Data Source=$db" DataDirectory="$WORK/data" Jwt__SigningKey="$SIGNING_KEY" "$@" \
    dotnet JwtBlog.Web.dll >"$WORK/$name.log" 2>&1) &
  APPS[$name]=$!
  for _ in $(seq 1 150); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return; fi
    sleep 0.2
  done
  echo "The app did not start:"; cat "$WORK/$name.log"; exit 1
}

stop_app() {
  kill "${APPS[$1]}"; wait "${APPS[$1]}" 2>/dev/null || true
  unset "APPS[$1]"
}

# The opaque cursor the API hands out: base64url of "before:<id>".
cursor() { printf 'before:%d' "$1" | base64 | tr '+/' '-_' | tr -d '=\n'; }

# Median latency in ms of GET $1, after a one-second warm-up.
median() {
  wrk -t1 -c1 -d1s "$1" >/dev/null
  wrk -t1 -c1 -d"${DURATION}s" --latency "$1" | awk '$1 == "50%" {
    v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v);
    if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000;
    printf "%.2f", v }'
}

echo "== Publishing (Release) to $WORK/publish"
dotnet publish JwtBlog.Web -c Release -o "$WORK/publish" --nologo -v q >/dev/null

echo "== Creating the schema (the app migrates an empty database at start-up)"
start_app schema "$PORT" "$WORK/template.db"
stop_app schema

seed() {
  local db=$1 count=$2
  cp "$WORK/template.db" "$db"
  # 100 authors; every 50th post by a deleted user; ~600 characters of content; one post a second, oldest first.
  sqlite3 "$db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100)
INSERT INTO Users (FirstName, LastName, Gender, IsActive, IsStaff, IsSuperuser, DateJoined, UserName, NormalizedUserName,
                   Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
SELECT '', '', '', 1, 0, 0, '2020-01-01 00:00:00', 'author' || x || '@example.com', 'AUTHOR' || x || '@EXAMPLE.COM',
       'author' || x || '@example.com', 'AUTHOR' || x || '@EXAMPLE.COM', 0, 0, 0, 1, 0
FROM n;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $count)
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

# SQLite's own count of the work statement $2 did on database $1, and its time (the timer needs stdin).
work_done() {
  printf '%s\n' ".parameter set @p 21" ".parameter set @beforeId 101" ".parameter set @length 201" \
    ".stats on" ".timer on" "$2;" | sqlite3 "$1" \
    | grep -E '^(Fullscan Steps|Sort Operations|Virtual Machine Steps|Run Time)' \
    | sed -E 's/ +/ /g; s/^Run Time: (real [0-9.]+).*/\1 s/' | paste -sd ';' | sed 's/;/; /g; s/^/      /'
}

DEEP=$(cursor 101)
NAMES=("API first" "API deep" "page first" "page deep")
PATHS=("/blog/?limit=20" "/blog/?limit=20&cursor=$DEEP" "/" "/?cursor=$DEEP")
declare -A BASES=() RESULTS=()
port=$PORT

for count in $COUNTS; do
  db="$WORK/posts-$count.db"
  echo "== Seeding $count posts"
  started=$(date +%s.%N)
  seed "$db" "$count"
  printf '   %.1f s, %s MB, %s rows\n' "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" \
    "$(( $(stat -c %s "$db") / 1024 / 1024 ))" "$(sqlite3 "$db" 'SELECT count(*) FROM Posts')"

  echo "== EXPLAIN QUERY PLAN of the list queries as the app sends them ($count posts)"
  start_app "explain-$count" "$port" "$db" "Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information"
  for path in "${PATHS[@]}"; do
    curl -fs -o /dev/null "http://127.0.0.1:$port$path"
  done
  stop_app "explain-$count"
  # Each logged command is indented by six spaces under its "Executed DbCommand" line.
  awk '/Executed DbCommand/ { grab = 1; sql = ""; next }
       grab && /^      / { sub(/^      /, ""); sql = sql " " $0; next }
       grab { if (sql ~ /FROM "Posts"/) print sql; grab = 0 }
       END { if (grab && sql ~ /FROM "Posts"/) print sql }' "$WORK/explain-$count.log" | sort -u | while read -r sql; do
    echo "   $sql"
    sqlite3 "$db" ".parameter set @p 21" ".parameter set @beforeId 101" ".parameter set @length 201" \
      "EXPLAIN QUERY PLAN $sql" | sed 's/^/      /'
    # The work done, counted by SQLite itself: the same at any table size when nothing is scanned or sorted.
    work_done "$db" "$sql"
  done
  # For contrast, what the app does not do: count the table, or skip to the same depth with OFFSET.
  for sql in 'SELECT count(*) FROM "Posts"' \
    "SELECT \"Id\", \"Title\", \"Content\" FROM \"Posts\" ORDER BY \"Id\" DESC LIMIT 21 OFFSET $((count - 120))"; do
    echo "   (not used) $sql"
    work_done "$db" "$sql"
  done

  start_app "app-$count" "$port" "$db"
  BASES[$count]="http://127.0.0.1:$port"
  port=$((port + 1))
  [ "$(curl -fs "${BASES[$count]}/blog/?limit=20" | grep -o '"id":' | wc -l)" -eq 20 ] || { echo "The API did not list 20 posts"; exit 1; }
  [ "$(curl -fs "${BASES[$count]}/?cursor=$DEEP" | grep -c 'data-post-id=')" -eq 20 ] || { echo "The deep page did not list 20 posts"; exit 1; }
done

for round in $(seq 1 "$ROUNDS"); do
  echo "== Round $round of $ROUNDS (${DURATION}s per URL and size, one connection)"
  for i in "${!PATHS[@]}"; do
    for count in $COUNTS; do
      ms=$(median "${BASES[$count]}${PATHS[$i]}")
      RESULTS["$count|$i"]+="$ms "
      printf '   %-10s %-8s %8s ms\n' "${NAMES[$i]}" "$count" "$ms"
    done
  done
done

echo
echo "Median latency in ms, median of $ROUNDS rounds (deep = the page after post 101: all but the oldest 100 posts skipped)"
printf '%-10s' "posts"; printf ' %12s' "${NAMES[@]}"; echo
for count in $COUNTS; do
  printf '%-10s' "$count"
  for i in "${!PATHS[@]}"; do
    printf ' %12s' "$(echo "${RESULTS["$count|$i"]}" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  done
  echo
done
