using System.Diagnostics;
using System.Threading.RateLimiting;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// One partition's fixed window counted in Redis, with the in-memory limiter it replaces as the fallback while Redis
// does not answer. Redis is asked asynchronously only: the synchronous attempt defers, and the rate limiting
// middleware then calls AcquireAsync.
public sealed class SharedWindowLimiter(SharedRateCounter counter, string key, int permitLimit, TimeSpan window, RateLimiter local)
    : RateLimiter
{
    private long _lastAskedRedis = Stopwatch.GetTimestamp();

    // Idle when the fallback is, counted from the last time Redis was asked: the count itself lives in Redis, so
    // dropping an unused partition loses nothing, and one in use is kept.
    public override TimeSpan? IdleDuration => local.IdleDuration is { } idle
        ? TimeSpan.FromTicks(Math.Min(idle.Ticks, Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastAskedRedis)).Ticks))
        : null;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        counter.IsAvailable ? WindowLease.AskAsync : local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastAskedRedis, Stopwatch.GetTimestamp());
        return await counter.TryTakeAsync([(key, permitLimit, window)], cancellationToken)
            ?? await local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}
