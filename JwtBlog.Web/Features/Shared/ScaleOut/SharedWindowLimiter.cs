using System.Threading.RateLimiting;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// One partition's fixed window counted in Redis, with the in-memory limiter it replaces as the fallback while Redis
// does not answer. Redis is asked asynchronously only: the synchronous attempt defers, and the rate limiting
// middleware then calls AcquireAsync.
public sealed class SharedWindowLimiter(SharedRateCounter counter, string key, int permitLimit, TimeSpan window, RateLimiter local)
    : RateLimiter
{
    // Idle when the fallback is: the count itself lives in Redis, so dropping this partition loses nothing.
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        counter.IsAvailable ? WindowLease.AskAsync : local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        await counter.TryTakeAsync([(key, permitLimit, window)], cancellationToken)
            ?? await local.AcquireAsync(permitCount, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}
