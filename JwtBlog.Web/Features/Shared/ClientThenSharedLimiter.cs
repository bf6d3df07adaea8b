using System.Threading.RateLimiting;

namespace JwtBlog.Web.Features.Shared;

// One client's own limiter first, then a limiter shared by all clients: a client already over its own limit does not
// use up the shared budget. It is idle (and so removed by the partitioned limiter) when the client's own limiter is.
// The client's limiter may count in Redis (SharedWindowLimiter), which answers through AcquireAsync only.
public sealed class ClientThenSharedLimiter(RateLimiter own, RateLimiter shared) : RateLimiter
{
    public override TimeSpan? IdleDuration => own.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => own.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => ThenShared(own.AttemptAcquire(permitCount), permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ThenShared(await own.AcquireAsync(permitCount, cancellationToken), permitCount);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            own.Dispose();
        }

        base.Dispose(disposing);
    }

    private RateLimitLease ThenShared(RateLimitLease lease, int permitCount)
    {
        if (!lease.IsAcquired)
        {
            return lease;
        }

        var sharedLease = shared.AttemptAcquire(permitCount);
        if (!sharedLease.IsAcquired)
        {
            lease.Dispose();
            return sharedLease;
        }

        // Fixed windows never take permits back, so the shared lease has nothing left to hold.
        sharedLease.Dispose();
        return lease;
    }
}
