using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace JwtBlog.Web.Features.Email;

// One pass over the outbox: claims the due messages with a lease, hands each to the transport, and records the
// outcome. A failed message is tried again later with exponential backoff, for ever; none is dropped.
public sealed class OutboxDelivery(
    IDbContextFactory<AppDbContext> contexts,
    IMailTransport transport,
    IOptions<EmailSettings> settings,
    TimeProvider time,
    ILogger<OutboxDelivery> logger)
{
    public const int BatchSize = 10;
    public const int AttemptsBeforeAlarm = 10;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromHours(1);
    private const int ErrorMaxLength = 300;

    private readonly MailboxAddress _from = MailboxAddress.Parse(settings.Value.From);

    // Returns how many messages this pass claimed (sent or not); a full batch means more may be waiting.
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claim = Guid.NewGuid().ToString("N");
        var claimed = await ClaimAsync(db, claim, time.GetUtcNow().UtcDateTime, ct);
        foreach (var message in claimed)
        {
            await DeliverAsync(db, message, claim, ct);
        }

        return claimed.Count;
    }

    // One statement takes the due rows that nobody holds (or whose holder's lease ran out). On PostgreSQL the rows are
    // chosen FOR UPDATE SKIP LOCKED: a row another instance is claiming right now is passed over, never handed out twice,
    // and the next due ones are taken instead. On SQLite the WriteGate lets one claim run at a time. Then it reads back
    // what it won.
    internal static async Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, string claim, DateTime now, CancellationToken ct)
    {
        var leaseEnds = now + Lease;
        if (!db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE "Outbox" SET "ClaimedBy" = {claim}, "ClaimedUntil" = {leaseEnds}
                WHERE "Id" IN (
                    SELECT "Id" FROM "Outbox"
                    WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                    ORDER BY "NextAttemptAt", "Id"
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED)
                """,
                ct);
        }
        else
        {
            await db.InWriteTransactionAsync(
                token => db.Outbox
                    .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .Where(m => db.Outbox
                        .Where(d => d.SentAt == null && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                        .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                        .Take(BatchSize)
                        .Select(d => d.Id)
                        .Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, leaseEnds), token),
                ct);
        }

        return await db.Outbox.AsNoTracking().Where(m => m.ClaimedBy == claim && m.SentAt == null).OrderBy(m => m.Id).ToListAsync(ct);
    }

    // Exponential backoff from 5 s, doubling to at most an hour, minus up to a fifth at random so that many failed
    // messages do not all come back in the same second.
    public static TimeSpan RetryDelay(int attempts, double jitter)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 20);
        var delay = TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks << doublings, LongestRetryDelay.Ticks));
        return delay * (1 - (0.2 * Math.Clamp(jitter, 0, 1)));
    }

    private async Task DeliverAsync(AppDbContext db, OutboxMessage message, string claim, CancellationToken ct)
    {
        try
        {
            await transport.SendAsync(OutboxMime.Build(message, _from), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await RecordFailureAsync(db, message, claim, e, ct);
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.InWriteTransactionAsync(
            token => db.Outbox.Where(m => m.Id == message.Id && m.ClaimedBy == claim).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                token),
            ct);
        logger.MessageSent(message.Id, message.Attempts);
    }

    private async Task RecordFailureAsync(AppDbContext db, OutboxMessage message, string claim, Exception error, CancellationToken ct)
    {
        var attempts = message.Attempts + 1;
        var next = time.GetUtcNow().UtcDateTime + RetryDelay(attempts, Random.Shared.NextDouble());
        var description = Describe(error);
        await db.InWriteTransactionAsync(
            token => db.Outbox.Where(m => m.Id == message.Id && m.ClaimedBy == claim).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, description)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                token),
            ct);
        logger.MessageSendFailed(message.Id, attempts, next, description);
        if (attempts % AttemptsBeforeAlarm == 0)
        {
            logger.MessageStillUndelivered(message.Id, attempts);
        }
    }

    // The exception's type and first line: what the server or the socket said, never the message or a credential.
    private static string Describe(Exception error)
    {
        var firstLine = error.Message.Split('\n', 2)[0].Trim();
        var text = $"{error.GetType().Name}: {firstLine}";
        return text.Length <= ErrorMaxLength ? text : text[..ErrorMaxLength];
    }
}
