using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Data;

// Keeps the session, refresh-token, login-throttle, two-step sign-in and outbox tables bounded: rows past their end,
// refresh rows consumed longer ago than any grace window, and emails delivered more than a week ago are deleted hourly.
public sealed class ExpiredRowsCleanup(IDbContextFactory<AppDbContext> contexts, TimeProvider time, ILogger<ExpiredRowsCleanup> logger) : BackgroundService
{
    public const long PurgeLockKey = 0x4A77_7442_6C6F_6702;
    public static readonly TimeSpan SentMailRetention = TimeSpan.FromDays(7);

    public static async Task<int> PurgeAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var sessions = await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);

        // Rotation deletes its session's consumed rows; this catches sessions that stopped rotating.
        var graceEnded = now - JwtOptions.LongestReuseGraceWindow;
        var consumed = await db.RefreshTokens.Where(t => t.ConsumedAt < graceEnded).ExecuteDeleteAsync(ct);
        var throttles = await db.LoginThrottles
            .Where(t => (t.LockedUntil == null || t.LockedUntil < now) && t.WindowStartedAt < now.AddDays(-1))
            .ExecuteDeleteAsync(ct);
        // Unsent messages stay whatever their age: nothing in the outbox is dropped before it was delivered.
        var sentBefore = now - SentMailRetention;
        var sent = await db.Outbox.Where(m => m.SentAt != null && m.SentAt < sentBefore).ExecuteDeleteAsync(ct);
        var challenges = await db.MfaChallenges.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
        return sessions + consumed + throttles + sent + challenges;
    }

    // On PostgreSQL several instances share the tables: the one that gets the lock purges, the others skip this round.
    public static async Task<int> PurgeOnceAcrossInstancesAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            return await PurgeAsync(db, now, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var mine = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({PurgeLockKey}) AS \"Value\"").SingleAsync(ct);
        var purged = mine ? await PurgeAsync(db, now, ct) : 0;
        await transaction.CommitAsync(ct);
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                await PurgeOnceAcrossInstancesAsync(db, time.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.ExpiredRowsPurgeFailed(e);
            }
        }
    }
}
