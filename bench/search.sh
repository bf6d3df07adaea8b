#!/usr/bin/env bash
# Search latency at 1k and 1M posts: for each size a fresh database (migrated by the app, so the FTS5 index and its
# triggers exist), posts seeded in bulk with the sqlite3 CLI through bench/seed.sql (the triggers index every row, as
# the app's own writes do), every 1000th post given Korean text, then the published app on 127.0.0.1 and p50/p95
# over RUNS requests of /search for a rare term, a common term and a Korean word, and the admin search's query
# timed in the sqlite3 CLI (the admin pages need a staff session with a second factor).
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

export ASPNETCORE_ENVIRONMENT=Production
export DataDirectory="$BENCH_DIR/data"
export App__PublicBaseUrl="http://127.0.0.1"
export Email__PickupDirectory="$BENCH_DIR/mail"
export Jwt__SigningKey="bench-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz"

mkdir -p "$BENCH_DIR"
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  echo "== publish (Release) to $APP   [load average: $(cut -d' ' -f1-3 /proc/loadavg)]"
  dotnet publish "$REPO/JwtBlog.Web" -c Release -o "$APP" --nologo -v quiet
fi
cd "$APP"

SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true' EXIT

measure() { # $1 = label, $2 = url
  local times status rows
  for _ in 1 2 3; do curl -s -o /dev/null "$BASE$2"; done
  times=$(for _ in $(seq 1 "$RUNS"); do curl -s -o /dev/null -w '%{time_total}\n' "$BASE$2"; done | sort -n)
  status=$(curl -s -o "$BENCH_DIR/page.html" -w '%{http_code}' "$BASE$2")
  rows=$(grep -c -E 'data-post-id=' "$BENCH_DIR/page.html" || true)
  printf '%-10s %-40s %6s %9.1f %9.1f %6s\n' "$SIZE" "$1" "$status" \
    "$(echo "$times" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) * 1000}')" \
    "$(echo "$times" | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; print a[i] * 1000}')" \
    "$rows"
}

admin_sql() { # $1 = one search term; median of 5 runs
  local ms
  ms=$(for _ in 1 2 3 4 5; do
    local start; start=$(date +%s%N)
    sqlite3 "$DB" "SELECT p.Id, p.Title, u.Email, p.CreatedAt, p.UpdatedAt FROM Posts AS p LEFT JOIN Users AS u ON p.AuthorId = u.Id
      WHERE p.Id IN (SELECT s.Value FROM (SELECT rowid AS Value FROM PostsSearch WHERE PostsSearch MATCH '\"$1\"*') AS s)
         OR p.AuthorId IN (SELECT u0.Id FROM Users AS u0 WHERE u0.Email LIKE '%$1%' ESCAPE '\\')
      ORDER BY p.Id DESC LIMIT 51" >/dev/null
    echo $(( ($(date +%s%N) - start) / 1000000 ))
  done | sort -n | sed -n 3p)
  printf '%-10s %-40s %6s %9s %9s %6s\n' "$SIZE" "admin query in sqlite3 (\"$1\")" "-" "$ms" "-" "-"
}

printf '\n%-10s %-40s %6s %9s %9s %6s\n' "posts" "request" "status" "p50 ms" "p95 ms" "rows"
for SIZE in $SIZES; do
  DB="$BENCH_DIR/search-$SIZE.db"
  export ConnectionStrings__Default="Data Source=$DB"
  users=$(( SIZE / 10 > 100 ? SIZE / 10 : 100 ))
  rm -f "$DB" "$DB-wal" "$DB-shm"
  dotnet JwtBlog.Web.dll migrate >/dev/null
  start=$(date +%s)
  sqlite3 "$DB" -cmd ".parameter set @users $users" -cmd ".parameter set @posts $SIZE" < "$REPO/bench/seed.sql" >/dev/null
  sqlite3 "$DB" "UPDATE Posts SET Content = Content || ' 안녕하세요, 서울에서 만나요.' WHERE Id % 1000 = 0;" >/dev/null
  echo "   seeded $SIZE posts in $(( $(date +%s) - start )) s, $(du -h "$DB" | cut -f1)" >&2

  dotnet JwtBlog.Web.dll --urls "$BASE" >"$BENCH_DIR/server-$SIZE.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$BASE/health" >/dev/null

  rare=$(( SIZE / 2 + 7 ))
  measure "/search rare (\"$rare\", 1 post)"    "/search?q=$rare"
  measure "/search common (\"lorem\", all)"     "/search?q=lorem"
  measure "/search Korean (\"안녕\", 1 in 1000)" "/search?q=%EC%95%88%EB%85%95"
  measure "/search no match"                    "/search?q=nomatchword"
  # /admin/posts needs a staff session with a second factor, which this script cannot complete; its query (the
  # shape EF Core sends for one search term) is timed in the sqlite3 CLI instead, start-up included (~20 ms).
  for term in "$rare" lorem 안녕; do
    admin_sql "$term"
  done

  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
done

echo
echo "== EXPLAIN QUERY PLAN of the public search (last database)"
sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT p.Id, p.CreatedAt, highlight(PostsSearch, 0, char(57344), char(57345)), snippet(PostsSearch, 1, char(57344), char(57345), '…', 32) FROM PostsSearch JOIN Posts AS p ON p.Id = PostsSearch.rowid WHERE PostsSearch MATCH '\"lorem\"*' AND PostsSearch.rowid < 2147483647 ORDER BY PostsSearch.rowid DESC LIMIT 21"
