using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Shared.ScaleOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// Answers "is this session alive, and is it this user's?" for every authenticated request. The answer is cached
// briefly; this instance updates it at once when it revokes a session itself, so its own revocations take effect
// immediately, and a revocation generation keeps a request that read the row just before from caching "alive" after.
// A session unused past its idle limit (by last_seen_at) is dead too; a use is handed to SessionActivity only when
// the session's known last use is a minute old, so the usual request adds one comparison.
public sealed class SessionGuard(
    IDbContextFactory<AppDbContext> databases,
    IMemoryCache cache,
    TimeProvider time,
    IOptions<JwtOptions> options,
    SessionActivity activity,
    InstanceBroadcast broadcast)
{
    private static readonly Func<AppDbContext, string, DateTime, DateTime, DateTime, CancellationToken, Task<LiveSession?>> _liveSession =
        EF.CompileAsyncQuery((AppDbContext db, string sessionId, DateTime now, DateTime idleCutoff, DateTime rememberedCutoff, CancellationToken ct) =>
            db.Sessions
                .Where(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now && s.User!.IsActive
                    && (s.LastSeenAt ?? s.CreatedAt) > (s.IsRemembered ? rememberedCutoff : idleCutoff))
                .Select(s => new LiveSession(s.UserId, s.LastSeenAt ?? s.CreatedAt))
                .FirstOrDefault());

    private readonly TimeSpan _cacheDuration = options.Value.SessionCheckCacheDuration;
    private readonly TimeSpan _idleTimeout = options.Value.IdleSessionTimeout;
    private readonly TimeSpan _rememberedLifetime = options.Value.RememberedSessionLifetime;
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
            return IsOwnedBy(cached, sessionId, userId, now);
        }

        var generation = Volatile.Read(ref _revocations);
        LiveSession? live;
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            live = await _liveSession(db, sessionId, now, now - _idleTimeout, now - _rememberedLifetime, ct);
        }

        if (AfterSessionReadForTests is { } hook)
        {
            await hook(sessionId);
        }

        var answer = new CachedAnswer(live?.UserId, now + _cacheDuration) { LastSeenTicks = live?.LastSeenAt.Ticks ?? 0 };
        if (_cacheDuration > TimeSpan.Zero)
        {
            lock (_writes)
            {
                // A revocation since the read may be this session's: its "dead" mark must not be overwritten.
                if (_revocations == generation)
                {
                    // The entry's own time comes from TimeProvider, so a moved test clock expires it too.
                    cache.Set(Key(sessionId), answer, _cacheDuration);
                }
            }
        }

        return IsOwnedBy(answer, sessionId, userId, now);
    }

    private bool IsOwnedBy(CachedAnswer answer, string sessionId, int userId, DateTime now)
    {
        if (answer.OwnerId != userId)
        {
            return false;
        }

        if (now.Ticks - Volatile.Read(ref answer.LastSeenTicks) >= SessionActivity.WriteInterval.Ticks)
        {
            Volatile.Write(ref answer.LastSeenTicks, now.Ticks);
            activity.Seen(sessionId, now);
        }

        return true;
    }

    // Marks the sessions dead in this instance's cache at once. Revocations often run inside a transaction: a
    // request that reads the row before the commit still finds this answer, not a stale "alive" to cache again.
    // With Redis the other instances are told too (InstanceBroadcastListener), before the caller answers.
    public Task MarkRevokedAsync(IEnumerable<string> sessionIds)
    {
        var ids = sessionIds.ToList();
        MarkRevokedHere(ids);
        return broadcast.SessionsRevokedAsync(ids);
    }

    // This instance's cache only: for revocations another instance made.
    public void MarkRevokedHere(IEnumerable<string> sessionIds)
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

    // OwnerId is null for a session that is revoked, expired, idle, unknown or whose user is inactive.
    // LastSeenTicks is the last use this instance knows of (read from the row, or noted since).
    private sealed class CachedAnswer(int? ownerId, DateTime until)
    {
        public long LastSeenTicks;

        public int? OwnerId { get; } = ownerId;

        public DateTime Until { get; } = until;
    }

    private sealed record LiveSession(int UserId, DateTime LastSeenAt);

    private static (string, string) Key(string sessionId) => ("session", sessionId);
}
