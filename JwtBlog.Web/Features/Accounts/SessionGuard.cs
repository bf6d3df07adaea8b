using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// Answers "is this session still alive?" for every authenticated request. The answer is cached briefly; this
// instance updates it at once when it revokes a session itself, so its own revocations take effect immediately.
public sealed class SessionGuard(IMemoryCache cache, TimeProvider time, IOptions<JwtOptions> options)
{
    private static readonly Func<AppDbContext, string, DateTime, CancellationToken, Task<bool>> _isActive =
        EF.CompileAsyncQuery((AppDbContext db, string sessionId, DateTime now, CancellationToken ct) =>
            db.Sessions.Any(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now && s.User!.IsActive));

    private readonly TimeSpan _cacheDuration = options.Value.SessionCheckCacheDuration;

    // The database context is resolved only on a cache miss: most requests never create one.
    public async ValueTask<bool> IsActiveAsync(IServiceProvider services, string sessionId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cache.TryGetValue(Key(sessionId), out CachedAnswer? cached) && cached!.Until > now)
        {
            return cached.Active;
        }

        var active = await _isActive(services.GetRequiredService<AppDbContext>(), sessionId, now, ct);
        if (_cacheDuration > TimeSpan.Zero)
        {
            // The entry's own time comes from TimeProvider, so a moved test clock expires it too.
            cache.Set(Key(sessionId), new CachedAnswer(active, now + _cacheDuration), _cacheDuration);
        }

        return active;
    }

    // Marks the sessions dead in this instance's cache at once. Revocations often run inside a transaction: a
    // request that reads the row before the commit still finds this answer, not a stale "alive" to cache again.
    public void MarkRevoked(IEnumerable<string> sessionIds)
    {
        var until = time.GetUtcNow().UtcDateTime + _cacheDuration;
        foreach (var id in sessionIds)
        {
            if (_cacheDuration > TimeSpan.Zero)
            {
                cache.Set(Key(id), new CachedAnswer(false, until), _cacheDuration);
            }
            else
            {
                cache.Remove(Key(id));
            }
        }
    }

    private sealed record CachedAnswer(bool Active, DateTime Until);

    private static (string, string) Key(string sessionId) => ("session", sessionId);
}
