namespace JwtBlog.Web.Data;

// SQLite has one writer at a time, and a connection that finds the database locked is retried by sleeping its
// thread. The hot write transactions (login, token rotation) therefore queue here first, asynchronously, so this
// process never contends with itself for SQLite's lock.
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<Releaser> EnterAsync(CancellationToken ct)
    {
        await _semaphore.WaitAsync(ct);
        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    public readonly struct Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
