#!/usr/bin/env bash
# An older commit and this checkout side by side, in one run on one machine: anonymous GET /health vs authenticated
# GET /accounts/test/ (cookie, session check included), 5 interleaved rounds of 6 s with wrk (-t2 -c32), Release builds.
# Usage: bench/auth-side-by-side.sh [old commit, default b7eb6f0]. Needs wrk and bc (apt-get install wrk bc).
set -euo pipefail
cd "$(dirname "$0")/.."
old_ref="${1:-b7eb6f0}"
old_tree="$(mktemp -d)/old"
git worktree add -q --detach "$old_tree" "$old_ref"
start() { # name dir port
  local w=/tmp/cmp-$1; rm -rf $w; mkdir -p $w
  dotnet publish $2/JwtBlog.Web -c Release -o "$w/app" --nologo -v quiet >/dev/null
  (cd "$w/app" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$3" App__PublicBaseUrl="http://127.0.0.1:$3" Email__PickupDirectory="$w/mail" ConnectionStrings__Default="Data Source=$w/bench.db" \
    DataDirectory="$w/data" Jwt__SigningKey="bench-signing-key-$(head -c 24 /dev/urandom | base64)" Logging__LogLevel__Default=Warning \
    RateLimiting__AuthRequestsPerMinutePerIp=1000000 RateLimiting__PasswordHashesPerMinute=1000000 exec dotnet JwtBlog.Web.dll) > "$w/server.log" 2>&1 &
  echo $! > $w/pid
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$3/health" >/dev/null && break; sleep 0.2; done
  local password="bench-Passphrase-42"
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"bench1@example.com\",\"password1\":\"$password\",\"password2\":\"$password\"}" "http://127.0.0.1:$3/accounts/join/"
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"bench1@example.com\",\"password\":\"$password\"}" "http://127.0.0.1:$3/accounts/login/" | sed -n 's/^Set-Cookie: \(my-app-auth=[^;]*\);.*/\1/Ip' > $w/cookie
}
trap 'kill $(cat /tmp/cmp-old/pid) $(cat /tmp/cmp-new/pid) 2>/dev/null; git worktree remove --force "$old_tree"' EXIT
start old "$old_tree" 5401
start new . 5402
for p in 5401 5402; do n=$([ $p = 5401 ] && echo old || echo new); wrk -t2 -c8 -d3s "http://127.0.0.1:$p/health" >/dev/null; wrk -t2 -c8 -d3s -H "Cookie: $(cat /tmp/cmp-$n/cookie)" "http://127.0.0.1:$p/accounts/test/" >/dev/null; done
for r in 1 2 3 4 5; do
  for n in old new; do
    p=$([ $n = old ] && echo 5401 || echo 5402)
    a=$(wrk -t2 -c32 -d6s "http://127.0.0.1:$p/health" | awk '/Requests\/sec/ {print $2}')
    b=$(wrk -t2 -c32 -d6s -H "Cookie: $(cat /tmp/cmp-$n/cookie)" "http://127.0.0.1:$p/accounts/test/" | awk '/Requests\/sec/ {print $2}')
    echo "$n round $r: anon $a cookie $b ratio $(echo "scale=3; $b/$a" | bc)"
  done
done
