using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace JwtBlog.Web.Data;

public static class WriteTransactions
{
    // Any 64-bit number that no other application on the same PostgreSQL database uses for an advisory lock.
    public const long PostgresWriteLockKey = 0x4A77_7442_6C6F_6701;

    // Queues on the WriteGate, then runs the work in one transaction committed when it returns (rolled back when it
    // throws). A call inside another on the same context joins the outer transaction: the gate is not re-entered.
    // On PostgreSQL the gate is a transaction-scoped advisory lock instead, so it holds across every instance: the
    // read-then-write steps that rely on it (lockout counts, session limits, reset and outbox claims) stay atomic.
    public static async Task<T> InWriteTransactionAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(ct);
        }

        if (!db.Database.IsSqlite())
        {
            await using var shared = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresWriteLockKey})", ct);
            var done = await work(ct);
            await shared.CommitAsync(ct);
            return done;
        }

        using var writing = await db.GetService<WriteGate>().EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    public static Task InWriteTransactionAsync(this AppDbContext db, Func<CancellationToken, Task> work, CancellationToken ct) =>
        db.InWriteTransactionAsync(
            async token =>
            {
                await work(token);
                return true;
            },
            ct);
}
