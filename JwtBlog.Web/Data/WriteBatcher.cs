using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Data;

// Group commit for concurrent writes. SQLite commits one transaction at a time and each commit waits for the disk, so
// the writes that queue while one batch commits are committed together in the next: one transaction, one sync. Each
// write runs in its own savepoint on a shared context, so one that throws is undone alone and only its caller sees
// the error; a caller is answered only after the commit that holds its write (or with the commit's error).
// One loop, started by the first write, commits the batches at the WriteGate, so it takes turns with the other writes.
public sealed class WriteBatcher(IDbContextFactory<AppDbContext> databases, WriteGate gate) : IDisposable
{
    private const int MaxBatch = 256;
    private const string Savepoint = "batched_write";
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    // The write gets a context of its own batch and a token that never ends: the batch it joined commits whole, even
    // when its caller has gone. Not for use inside InWriteTransactionAsync (the gate is already held there).
    public async Task<T> RunAsync<T>(Func<AppDbContext, CancellationToken, Task<T>> write)
    {
        var pending = new PendingWrite<T>(write);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(CommitLoopAsync);
        }

        return await pending.Task;
    }

    public Task RunAsync(Func<AppDbContext, CancellationToken, Task> write) => RunAsync(async (db, ct) =>
    {
        await write(db, ct);
        return true;
    });

    public void Dispose() => _queue.Writer.TryComplete();

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
            foreach (var write in batch)
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

    private abstract class PendingWrite
    {
        public bool IsFailed { get; private set; }

        public abstract Task RunAsync(AppDbContext db, CancellationToken ct);

        public abstract void Complete();

        public void Fail(Exception error)
        {
            IsFailed = true;
            SetError(error);
        }

        protected abstract void SetError(Exception error);
    }

    private sealed class PendingWrite<T>(Func<AppDbContext, CancellationToken, Task<T>> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _answer.Task;

        public override async Task RunAsync(AppDbContext db, CancellationToken ct) => _result = await write(db, ct);

        public override void Complete() => _answer.TrySetResult(_result!);

        protected override void SetError(Exception error) => _answer.TrySetException(error);
    }
}
