using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace JwtBlog.Web.Data;

// Group commit for concurrent writes. SQLite commits one transaction at a time, so the writes that queue while one
// batch commits are committed together in the next: one transaction, one commit. The batch's new rows (AddAsync) are
// inserted together: one statement on SQLite (GroupedInsert), else one SaveChanges. Other writes (RunAsync) run each
// in its own savepoint on the shared context, so one that throws is undone alone and only its caller sees the error.
// Should the grouped insert fail, it is undone and its rows are inserted one by one, each in its savepoint, so again
// only the failing row's caller sees the error. A caller is answered only after the commit that holds its write (or
// with its error). One loop, started by the first write, commits the batches at the WriteGate, so it takes turns
// with the other writes.
public sealed class WriteBatcher(IDbContextFactory<AppDbContext> databases, WriteGate gate) : IDisposable
{
    private const int MaxBatch = 256;
    private const string Savepoint = "batched_write";
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    // The write gets a context of its own batch and a token that never ends: the batch it joined commits whole, even
    // when its caller has gone. Not for use inside InWriteTransactionAsync (the gate is already held there).
    public Task<T> RunAsync<T>(Func<AppDbContext, CancellationToken, Task<T>> write) => EnqueueAsync(new PendingWrite<T>(write));

    public Task RunAsync(Func<AppDbContext, CancellationToken, Task> write) => RunAsync(async (db, ct) =>
    {
        await write(db, ct);
        return true;
    });

    // Inserts the entity that create makes, grouped with the batch's other new rows; answered with it once committed,
    // its generated key set. create may run twice (a fresh entity for the one-by-one retry), so it only builds.
    public Task<TEntity> AddAsync<TEntity>(Func<TEntity> create)
        where TEntity : class => EnqueueAsync(new PendingAdd<TEntity>(create));

    public void Dispose() => _queue.Writer.TryComplete();

    private async Task<T> EnqueueAsync<T>(PendingWrite<T> pending)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(CommitLoopAsync);
        }

        return await pending.Task;
    }

    private async Task CommitLoopAsync()
    {
        var queue = _queue.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.TryRead(out var next))
            {
                batch.Add(next);
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var written = new List<PendingWrite>(batch.Count);
        try
        {
            await using var db = await databases.CreateDbContextAsync();
            // PostgreSQL takes concurrent writers itself; only SQLite's single writer needs this process to queue.
            using var writing = db.Database.IsSqlite() ? await gate.EnterAsync(CancellationToken.None) : default(WriteGate.Releaser?);
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var adds = batch.Where(write => write.IsAdd).ToList();
            if (adds.Count > 0 && await TryInsertTogetherAsync(db, transaction, adds))
            {
                written.AddRange(adds);
            }
            else
            {
                await RunEachAsync(db, transaction, adds, written);
            }

            await RunEachAsync(db, transaction, [.. batch.Where(write => !write.IsAdd)], written);
            await transaction.CommitAsync();
        }
        catch (Exception error)
        {
            // Every caller whose write was not committed gets the error.
            foreach (var write in batch.Where(w => !w.IsFailed))
            {
                write.Fail(error);
            }

            return;
        }

        foreach (var write in written)
        {
            write.Complete();
        }
    }

    private static async Task<bool> TryInsertTogetherAsync(AppDbContext db, IDbContextTransaction transaction, List<PendingWrite> adds)
    {
        await transaction.CreateSavepointAsync(Savepoint);
        try
        {
            var entities = adds.Select(add => add.Create()).ToList();
            if (GroupedInsert.Fits(db, entities))
            {
                await GroupedInsert.InsertAsync(db, entities, CancellationToken.None);
            }
            else
            {
                db.AddRange(entities);
                await db.SaveChangesAsync(CancellationToken.None);
            }

            await transaction.ReleaseSavepointAsync(Savepoint);
            return true;
        }
        catch (Exception)
        {
            // Retried one by one, so the error reaches only the caller whose row causes it.
            await transaction.RollbackToSavepointAsync(Savepoint);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task RunEachAsync(AppDbContext db, IDbContextTransaction transaction, List<PendingWrite> writes, List<PendingWrite> written)
    {
        foreach (var write in writes)
        {
            await transaction.CreateSavepointAsync(Savepoint);
            try
            {
                await write.RunAsync(db, CancellationToken.None);
                await transaction.ReleaseSavepointAsync(Savepoint);
                written.Add(write);
            }
            catch (Exception error)
            {
                // The error belongs to this write's caller alone; the batch goes on without the write.
                await transaction.RollbackToSavepointAsync(Savepoint);
                write.Fail(error);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private abstract class PendingWrite
    {
        public bool IsFailed { get; private set; }

        public virtual bool IsAdd => false;

        // Makes the write's new row, not yet added to any context (only for IsAdd).
        public virtual object Create() => throw new NotSupportedException();

        public abstract Task RunAsync(AppDbContext db, CancellationToken ct);

        public abstract void Complete();

        public void Fail(Exception error)
        {
            IsFailed = true;
            SetError(error);
        }

        protected abstract void SetError(Exception error);
    }

    private class PendingWrite<T> : PendingWrite
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Func<AppDbContext, CancellationToken, Task<T>>? _write;

        public PendingWrite(Func<AppDbContext, CancellationToken, Task<T>> write) => _write = write;

        protected PendingWrite()
        {
        }

        public Task<T> Task => _answer.Task;

        protected T? Result { get; set; }

        public override async Task RunAsync(AppDbContext db, CancellationToken ct) => Result = await _write!(db, ct);

        public override void Complete() => _answer.TrySetResult(Result!);

        protected override void SetError(Exception error) => _answer.TrySetException(error);
    }

    private sealed class PendingAdd<TEntity>(Func<TEntity> create) : PendingWrite<TEntity>
        where TEntity : class
    {
        public override bool IsAdd => true;

        public override object Create() => Result = create();

        public override async Task RunAsync(AppDbContext db, CancellationToken ct)
        {
            db.Add(Create());
            await db.SaveChangesAsync(ct);
        }
    }
}
