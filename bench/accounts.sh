#!/usr/bin/env bash
# Issue 2's speed figures: a published Release build on loopback, measured with wrk (apt-get install wrk).
#   1. anonymous GET /health vs authenticated GET /accounts/test/ (cookie, session check included)
#   2. login throughput at the configured bcrypt work factor vs cores / one hash's time
#   3. authenticated read latency (p99) while logins flood in
# Usage: bench/accounts.sh [seconds per run, default 10]; SESSION_CACHE=00:00:00 bench/accounts.sh to price the
# per-request session query without its cache.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
port=5380
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
dotnet publish JwtBlog.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null

export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="http://127.0.0.1:$port"
export App__PublicBaseUrl="http://127.0.0.1:$port"
export Email__PickupDirectory="$work/mail"
export ConnectionStrings__Default="Data Source=$work/bench.db"
export DataDirectory="$work/data"
export Jwt__SigningKey="bench-signing-key-$(head -c 24 /dev/urandom | base64)"
export Logging__LogLevel__Default=Warning
# One client IP sends every login here; the per-IP limit would otherwise be what is measured.
export RateLimiting__AuthRequestsPerMinutePerIp=1000000
export RateLimiting__PasswordHashesPerMinute=1000000
# SESSION_CACHE=00:00:00 makes every authenticated request ask the database whether its session is alive.
export Jwt__SessionCheckCacheDuration="${SESSION_CACHE:-00:00:05}"
(cd "$work/app" && exec dotnet JwtBlog.Web.dll) > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

users=32
password="bench-Passphrase-42"
for i in $(seq $users); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench$i@example.com\",\"password1\":\"$password\",\"password2\":\"$password\"}" \
    "http://127.0.0.1:$port/accounts/join/"
done
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench1@example.com\",\"password\":\"$password\"}" "http://127.0.0.1:$port/accounts/login/" \
  | sed -n 's/^Set-Cookie: \(my-app-auth=[^;]*\);.*/\1/Ip')

cat > "$work/login.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"email":"bench%d@example.com","password":"$password"}', (n % $users) + 1)
  return wrk.format("POST", "/accounts/login/", {["Content-Type"] = "application/json"}, body)
end
LUA

echo "== warm-up"
wrk -t2 -c8 -d3s "http://127.0.0.1:$port/health" >/dev/null
wrk -t2 -c8 -d3s -H "Cookie: $cookie" "http://127.0.0.1:$port/accounts/test/" >/dev/null

echo "== 1. anonymous /health"
wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$port/health" | grep -E "Requests/sec|99%|Non-2xx"
echo "== 1. authenticated /accounts/test/ (cookie)"
wrk -t2 -c32 -d"${duration}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/accounts/test/" | grep -E "Requests/sec|99%|Non-2xx"

echo "== 2. logins (work factor from appsettings; cores: $(nproc))"
wrk -t1 -c4 -d3s -s "$work/login.lua" "http://127.0.0.1:$port" >/dev/null
wrk -t2 -c16 -d"$((duration * 2))s" --latency -s "$work/login.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|50%|99%|Non-2xx"

echo "== 3. authenticated reads while logins flood in"
wrk -t1 -c32 -d"$((duration + 2))s" -s "$work/login.lua" "http://127.0.0.1:$port" > "$work/flood.txt" &
flood=$!
sleep 1
wrk -t1 -c4 -d"${duration}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/accounts/test/" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
wait $flood
echo "   (login flood meanwhile: $(grep Requests/sec "$work/flood.txt"))"

echo "== bcrypt alone at work factor 11: one verification (median of 20), and all cores verifying at once"
mkdir -p "$work/cost"
cat > "$work/cost/cost.cs" <<'CS'
#:package BCrypt.Net-Next@4.2.0
var hash = BCrypt.Net.BCrypt.HashPassword("x", 11);
var times = new List<double>();
for (var i = 0; i < 20; i++)
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    BCrypt.Net.BCrypt.Verify("x", hash);
    times.Add(watch.Elapsed.TotalMilliseconds);
}
times.Sort();
var cores = Environment.ProcessorCount;
Console.WriteLine($"   one hash: {times[10]:F1} ms -> cores / hash time = {cores * 1000 / times[10]:F2}/s, 90 % of that = {0.9 * cores * 1000 / times[10]:F2}/s");
var total = System.Diagnostics.Stopwatch.StartNew();
var threads = Enumerable.Range(0, cores).Select(_ => new Thread(() => { for (var i = 0; i < 20; i++) { BCrypt.Net.BCrypt.Verify("x", hash); } })).ToList();
threads.ForEach(t => t.Start());
threads.ForEach(t => t.Join());
Console.WriteLine($"   {cores} threads hashing at once (the machine's real ceiling): {cores * 20 / total.Elapsed.TotalSeconds:F2}/s");
CS
(cd "$work/cost" && dotnet run -c Release cost.cs 2>/dev/null)
