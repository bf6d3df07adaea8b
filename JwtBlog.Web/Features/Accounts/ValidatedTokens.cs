using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// Checking a JWT (parse, HMAC, claims) is most of an authenticated request's cost. An access token that passed
// every check is remembered for a minute at most; each use still checks its expiry (on TimeProvider's clock) and
// its session. Only tokens this server signed get in, so the cache cannot be filled by strangers.
public sealed class ValidatedTokens(IMemoryCache cache, TimeProvider time, IOptions<JwtOptions> options)
{
    private static readonly TimeSpan _rememberFor = TimeSpan.FromMinutes(1);
    private readonly TimeSpan _clockSkew = options.Value.ClockSkew;

    public ClaimsPrincipal? Find(string token) =>
        cache.TryGetValue(("jwt", token), out Entry? entry) && time.GetUtcNow().UtcDateTime - _clockSkew < entry!.ExpiresAt
            ? entry.Principal
            : null;

    public void Remember(string token, ClaimsPrincipal principal, DateTime expiresAt) =>
        cache.Set(("jwt", token), new Entry(principal, expiresAt), _rememberFor);

    private sealed record Entry(ClaimsPrincipal Principal, DateTime ExpiresAt);
}
