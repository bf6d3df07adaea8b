using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// A user's own sessions: the list, ending one, ending all but the current one. The API and /account call this.
// Sessions are named by their public id; an id that is not one of the caller's live sessions is simply not found.
public sealed class AccountSessions(
    AppDbContext db,
    SessionGuard guard,
    SessionPublicIds publicIds,
    TimeProvider time,
    IOptions<JwtOptions> options,
    ILogger<AccountSessions> logger)
{
    // Newest first.
    public async Task<IReadOnlyList<SessionDetails>> ListAsync(int userId, string? currentSessionId, CancellationToken ct)
    {
        var sessions = await Live(userId, Now())
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new { s.Id, s.CreatedAt, LastSeenAt = s.LastSeenAt ?? s.CreatedAt, s.IpAddress, s.UserAgent })
            .ToListAsync(ct);
        return
        [
            .. sessions.Select(s => new SessionDetails(
                publicIds.For(s.Id), s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent, BrowserSummary.Describe(s.UserAgent),
                s.Id == currentSessionId)),
        ];
    }

    // Returns the sid of the session ended (the caller's own current one included), or null when the id names none
    // of the user's live sessions.
    public async Task<string?> EndAsync(int userId, string publicId, CancellationToken ct)
    {
        if (publicId.Length != SessionPublicIds.Length)
        {
            return null;
        }

        var now = Now();
        var sessionIds = await Live(userId, now).Select(s => s.Id).ToListAsync(ct);
        var sessionId = sessionIds.FirstOrDefault(id => publicIds.For(id) == publicId);
        if (sessionId is null)
        {
            return null;
        }

        await RevokeAsync([sessionId], now, ct);
        logger.SessionEnded(userId, AccountsLog.ShortSessionId(sessionId));
        return sessionId;
    }

    // Every live session of the user but the current one ends; returns how many.
    public async Task<int> EndOthersAsync(int userId, string currentSessionId, CancellationToken ct)
    {
        var now = Now();
        var sessionIds = await Live(userId, now).Where(s => s.Id != currentSessionId).Select(s => s.Id).ToListAsync(ct);
        if (sessionIds.Count > 0)
        {
            await RevokeAsync(sessionIds, now, ct);
        }

        logger.SessionsEnded(userId, SecurityActors.Self, sessionIds.Count);
        return sessionIds.Count;
    }

    private async Task RevokeAsync(List<string> sessionIds, DateTime now, CancellationToken ct)
    {
        await db.InWriteTransactionAsync(
            token => db.Sessions.Where(s => sessionIds.Contains(s.Id) && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), token),
            ct);
        await guard.MarkRevokedAsync(sessionIds);
    }

    // SessionGuard's rule: not revoked, before its end, used within its idle limit.
    private IQueryable<UserSession> Live(int userId, DateTime now)
    {
        var idleCutoff = now - options.Value.IdleSessionTimeout;
        var rememberedCutoff = now - options.Value.RememberedSessionLifetime;
        return db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now
            && (s.LastSeenAt ?? s.CreatedAt) > (s.IsRemembered ? rememberedCutoff : idleCutoff));
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
