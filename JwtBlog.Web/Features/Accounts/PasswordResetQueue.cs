using System.Threading.Channels;

namespace JwtBlog.Web.Features.Accounts;

// Reset requests wait here for PasswordResetMailer, so the request answers before any lookup: a known and an unknown
// address take the same path and the same time. WhenIdleAsync lets a caller (a test) wait until every job is done.
public sealed class PasswordResetQueue
{
    private const int Capacity = 10_000;

    private readonly Channel<PasswordResetJob> _jobs =
        Channel.CreateBounded<PasswordResetJob>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private readonly Lock _lock = new();
    // The mailer's start-up look for requests a stopped process left counts as pending work until it is done.
    private int _pending = 1;

    public ChannelReader<PasswordResetJob> Reader => _jobs.Reader;

    // False when the queue is full (the request still gets the same answer; the per-client limit keeps this rare).
    public bool Enqueue(PasswordResetJob job)
    {
        lock (_lock)
        {
            if (!_jobs.Writer.TryWrite(job))
            {
                return false;
            }

            _pending++;
            return true;
        }
    }

    public void Completed()
    {
        lock (_lock)
        {
            if (--_pending > 0)
            {
                return;
            }

            foreach (var waiter in _idleWaiters)
            {
                waiter.TrySetResult();
            }

            _idleWaiters.Clear();
        }
    }

    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            if (_pending == 0)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(waiter);
            return waiter.Task;
        }
    }
}
