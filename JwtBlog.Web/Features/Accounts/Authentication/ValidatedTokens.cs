using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// Checking a JWT (parse, HMAC, claims) is most of an authenticated request's cost. An access token that passed the
// validator is remembered for a minute at most; each use still checks its expiry (on TimeProvider's clock) and its
// session. Only tokens with our signature get in, so strangers cannot fill the cache; what is kept is immutable.
public sealed class ValidatedTokens(IMemoryCache cache, TimeProvider time, IOptions<JwtOptions> options)
{
    private static readonly TimeSpan _rememberFor = TimeSpan.FromMinutes(1);
    private readonly TimeSpan _clockSkew = options.Value.ClockSkew;

    public ValidatedToken? Find(string token) =>
        cache.TryGetValue(Key(token), out ValidatedToken? validated) && time.GetUtcNow().UtcDateTime - _clockSkew < validated!.ExpiresAt
            ? validated
            : null;

    public void Remember(string token, ValidatedToken validated) => cache.Set(Key(token), validated, _rememberFor);

    private static (string, string) Key(string token) => ("jwt", token);
}
