using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.ScaleOut;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// At most RateLimiting:RefreshesPerMinutePerSession refreshes per session in each one-minute window, counted on
// TimeProvider's clock. Keyed by the session of a validly signed token, so nobody can spend another session's quota.
// With Redis the window is counted there on Redis's clock (shared by every instance), and here only while Redis does not answer.
public sealed class RefreshRateLimit(IMemoryCache cache, TimeProvider time, IOptions<RateLimitSettings> settings, SharedRateCounter shared)
{
    private static readonly TimeSpan _window = TimeSpan.FromMinutes(1);
    private readonly int _limit = settings.Value.RefreshesPerMinutePerSession;

    // Null when this refresh may go ahead, else how long to wait.
    public async ValueTask<TimeSpan?> TryAcquireAsync(string sessionId, CancellationToken ct)
    {
        using var lease = await shared.TryTakeAsync([("refresh:" + sessionId, _limit, _window)], ct);
        if (lease is not null)
        {
            return SharedRateCounter.WaitOf(lease, _window);
        }

        return TryAcquireHere(sessionId, out var retryAfter) ? null : retryAfter;
    }

    private bool TryAcquireHere(string sessionId, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var counter = cache.GetOrCreate(("refresh-limit", sessionId), entry =>
        {
            // The cache's own clock only bounds memory; the window itself is judged on TimeProvider's time below.
            entry.AbsoluteExpirationRelativeToNow = 2 * _window;
            return new Counter(now);
        })!;
        lock (counter)
        {
            if (now - counter.WindowStart >= _window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }

            if (counter.Count >= _limit)
            {
                retryAfter = counter.WindowStart + _window - now;
                return false;
            }

            counter.Count++;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private sealed class Counter(DateTimeOffset windowStart)
    {
        public DateTimeOffset WindowStart { get; set; } = windowStart;
        public int Count { get; set; }
    }
}
