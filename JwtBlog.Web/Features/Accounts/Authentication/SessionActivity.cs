using System.Collections.Concurrent;
using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// When each session was last used. SessionGuard notes a use only when the session's known last_seen_at is a minute
// old or more, so a request costs no write; SessionActivityFlusher writes the noted times in one transaction.
public sealed class SessionActivity(IDbContextFactory<AppDbContext> databases)
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromMinutes(1);

    // Ticks rather than DateTime: a long is updated in place, without a new dictionary node.
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);

    public void Seen(string sessionId, DateTime at) => _pending[sessionId] = at.Ticks;

    // Writes the noted times (only ever moving last_seen_at forward); returns how many sessions were noted.
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        if (_pending.IsEmpty)
        {
            return 0;
        }

        var noted = new List<(string SessionId, DateTime At)>();
        foreach (var (sessionId, ticks) in _pending)
        {
            // Removed only if unchanged: a later use noted meanwhile stays for the next flush.
            if (_pending.TryRemove(KeyValuePair.Create(sessionId, ticks)))
            {
                noted.Add((sessionId, new DateTime(ticks, DateTimeKind.Utc)));
            }
        }

        // In id order, so that two instances flushing the same sessions lock them in the same order.
        noted.Sort((a, b) => string.CompareOrdinal(a.SessionId, b.SessionId));
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.InWriteTransactionAsync(
            async token =>
            {
                foreach (var (sessionId, at) in noted)
                {
                    await db.Sessions
                        .Where(s => s.Id == sessionId && (s.LastSeenAt == null || s.LastSeenAt < at))
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, at), token);
                }
            },
            ct);
        return noted.Count;
    }
}
