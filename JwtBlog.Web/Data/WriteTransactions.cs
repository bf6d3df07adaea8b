using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace JwtBlog.Web.Data;

public static class WriteTransactions
{
    private const int PostgresAttempts = 3;

    // Runs the work in one transaction committed when it returns (rolled back when it throws). A call inside another on
    // the same context joins the outer transaction.
    // SQLite: the transaction queues on the WriteGate first (one writer per process), so every read-then-write step
    // inside is atomic and the Lock...Async calls below do nothing.
    // PostgreSQL: a plain READ COMMITTED transaction with no global lock. Each flow locks, at its top, exactly the rows
    // its decision reads: LockUserAsync (second factors, passwords, sign-in's session limit), LockSessionAsync (refresh
    // rotation), LockLoginThrottleAsync (one key's failure count); a single conditional UPDATE or DELETE decides alone
    // (reset and sign-in challenge claims, recovery codes, outbox leases). Writes of different users never wait for each
    // other. A flow that locks two rows locks the user before the session. A deadlock (40P01) or serialization failure
    // (40001) rolls back and runs the work again, with the tracked entities put back as they were before it: so the work
    // may run twice, and adds rows through DbSets (a child added to a loaded entity's collection would not be undone).
    public static async Task<T> InWriteTransactionAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(ct);
        }

        if (!db.Database.IsSqlite())
        {
            return await InRetriedTransactionAsync(db, work, ct);
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

    // Until the transaction ends, no other flow locks or changes the user's row (a child row may still be added:
    // NO KEY UPDATE leaves foreign-key checks alone, so the user's own post writes do not wait).
    public static Task LockUserAsync(this AppDbContext db, int userId, CancellationToken ct) =>
        LockAsync(db, $"SELECT 1 FROM \"Users\" WHERE \"Id\" = {userId} FOR NO KEY UPDATE", ct);

    public static Task LockSessionAsync(this AppDbContext db, string sessionId, CancellationToken ct) =>
        LockAsync(db, $"SELECT 1 FROM \"Sessions\" WHERE \"Id\" = {sessionId} FOR NO KEY UPDATE", ct);

    // The key's row may not exist yet: it is inserted empty (as the caller would) and then locked. A row deleted by a
    // success between the two statements is inserted again.
    public static async Task LockLoginThrottleAsync(this AppDbContext db, string key, DateTime now, CancellationToken ct)
    {
        RequireTransaction(db);
        if (db.Database.IsSqlite())
        {
            return;
        }

        var locked = false;
        while (!locked)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"LoginThrottles\" (\"NormalizedEmail\", \"WindowStartedAt\", \"FailedAttempts\") VALUES ({key}, {now}, 0) ON CONFLICT DO NOTHING",
                ct);
            var rows = await db.Database
                .SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"LoginThrottles\" WHERE \"NormalizedEmail\" = {key} FOR UPDATE")
                .ToListAsync(ct);
            locked = rows.Count == 1;
        }
    }

    private static Task LockAsync(AppDbContext db, FormattableString lockRow, CancellationToken ct)
    {
        RequireTransaction(db);
        return db.Database.IsSqlite() ? Task.CompletedTask : db.Database.ExecuteSqlAsync(lockRow, ct);
    }

    // A row lock outside a transaction would end with its own statement.
    private static void RequireTransaction(AppDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Row locks are taken inside InWriteTransactionAsync.");
        }
    }

    private static async Task<T> InRetriedTransactionAsync<T>(AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var tracked = TrackedBefore(db);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < PostgresAttempts && IsDeadlockOrSerializationFailure(e))
            {
                PutBack(db, tracked);
            }
        }
    }

    private static bool IsDeadlockOrSerializationFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException { SqlState: "40P01" or "40001" })
            {
                return true;
            }
        }

        return false;
    }

    private static List<TrackedEntity> TrackedBefore(AppDbContext db) =>
        [.. db.ChangeTracker.Entries().Select(e => new TrackedEntity(e, e.State, e.OriginalValues.Clone(), e.CurrentValues.Clone()))];

    // What the rolled-back attempt saved is undone in the change tracker too, so the retry saves it again. Keys stay:
    // a key the database generated in the attempt is free again, and an explicit insert of it is allowed.
    private static void PutBack(AppDbContext db, List<TrackedEntity> tracked)
    {
        var before = tracked.Select(t => t.Entry.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var added in db.ChangeTracker.Entries().Where(e => !before.Contains(e.Entity)).ToList())
        {
            added.State = EntityState.Detached;
        }

        foreach (var (entry, state, original, current) in tracked)
        {
            entry.State = state == EntityState.Modified ? EntityState.Unchanged : state;
            foreach (var property in entry.Properties.Where(p => !p.Metadata.IsPrimaryKey()))
            {
                property.OriginalValue = original[property.Metadata];
                property.CurrentValue = current[property.Metadata];
            }
        }
    }

    private sealed record TrackedEntity(EntityEntry Entry, EntityState State, PropertyValues Original, PropertyValues Current);
}
