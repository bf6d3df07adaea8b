using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// Answers "is this session alive, and is it this user's?" for every authenticated request. The answer is cached
// briefly; this instance updates it at once when it revokes a session itself, so its own revocations take effect
// immediately, and a revocation generation keeps a request that read the row just before from caching "alive" after.
public sealed class SessionGuard(
    IDbContextFactory<AppDbContext> databases, IMemoryCache cache, TimeProvider time, IOptions<JwtOptions> options)
{
    private static readonly Func<AppDbContext, string, DateTime, CancellationToken, Task<int?>> _liveSessionOwner =
        EF.CompileAsyncQuery((AppDbContext db, string sessionId, DateTime now, CancellationToken ct) =>
            db.Sessions
                .Where(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now && s.User!.IsActive)
                .Select(s => (int?)s.UserId)
                .FirstOrDefault());

    private readonly TimeSpan _cacheDuration = options.Value.SessionCheckCacheDuration;
    private readonly Lock _writes = new();
    private long _revocations;

    // A test seam: runs between a request's database read and its cache write, so a test can hold it there.
    internal Func<string, Task>? AfterSessionReadForTests { get; set; }

    // A database context is created only on a cache miss: most requests never create one.
    public async ValueTask<bool> IsActiveAsync(string sessionId, int userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cache.TryGetValue(Key(sessionId), out CachedAnswer? cached) && cached!.Until > now)
        {
            return cached.OwnerId == userId;
        }

        var generation = Volatile.Read(ref _revocations);
        int? ownerId;
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            ownerId = await _liveSessionOwner(db, sessionId, now, ct);
        }

        if (AfterSessionReadForTests is { } hook)
        {
            await hook(sessionId);
        }

        if (_cacheDuration > TimeSpan.Zero)
        {
            lock (_writes)
            {
                // A revocation since the read may be this session's: its "dead" mark must not be overwritten.
                if (_revocations == generation)
                {
                    // The entry's own time comes from TimeProvider, so a moved test clock expires it too.
                    cache.Set(Key(sessionId), new CachedAnswer(ownerId, now + _cacheDuration), _cacheDuration);
                }
            }
        }

        return ownerId == userId;
    }

    // Marks the sessions dead in this instance's cache at once. Revocations often run inside a transaction: a
    // request that reads the row before the commit still finds this answer, not a stale "alive" to cache again.
    public void MarkRevoked(IEnumerable<string> sessionIds)
    {
        lock (_writes)
        {
            _revocations++;
            var until = time.GetUtcNow().UtcDateTime + _cacheDuration;
            foreach (var id in sessionIds)
            {
                if (_cacheDuration > TimeSpan.Zero)
                {
                    cache.Set(Key(id), new CachedAnswer(null, until), _cacheDuration);
                }
                else
                {
                    cache.Remove(Key(id));
                }
            }
        }
    }

    // OwnerId is null for a session that is revoked, expired, unknown or whose user is inactive.
    private sealed record CachedAnswer(int? OwnerId, DateTime Until);

    private static (string, string) Key(string sessionId) => ("session", sessionId);
}
