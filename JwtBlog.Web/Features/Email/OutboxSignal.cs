namespace JwtBlog.Web.Features.Email;

// Wakes the outbox sender when a message was committed. A missed signal only delays a message until the next poll.
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_pending.CurrentCount == 0)
            {
                _pending.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another thread signalled at the same moment: one pending wake-up is enough.
        }
    }

    // Returns when signalled or when the timeout (on the given clock) has passed.
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signalled = _pending.WaitAsync(waiting.Token);
        var timedOut = Task.Delay(timeout, time, waiting.Token);
        await Task.WhenAny(signalled, timedOut);
        await waiting.CancelAsync();
        ct.ThrowIfCancellationRequested();
        try
        {
            await signalled;
        }
        catch (OperationCanceledException)
        {
            // The timeout came first; the signal, if it comes, stays for the next wait.
        }
    }

    public void Dispose() => _pending.Dispose();
}
