using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// Fixed-window counters in Redis (RateLimiting:RedisKeyPrefix), so that N instances together allow what one allows.
// Each window is a key that expires when its window ends. One Lua script checks every window of a request and takes a
// permit from all of them only when none is full, as the chained in-memory limiters do, so a refused request costs
// nothing. A null answer means "count in this process instead": no Redis configured, or Redis unreachable or slow;
// availability wins over strictness, and a warning says so at most once a minute.
public sealed class SharedRateCounter(
    IConnectionMultiplexer? redis, IOptions<RateLimitSettings> settings, TimeProvider time, ILogger<SharedRateCounter> logger)
{
    // Answers -1 when a permit was taken from every window, else the milliseconds until the first full window ends.
    private const string TakeScript = """
        for i = 1, #KEYS do
          if tonumber(redis.call('GET', KEYS[i]) or '0') >= tonumber(ARGV[2 * i - 1]) then
            local wait = redis.call('PTTL', KEYS[i])
            if wait < 0 then
              redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
              wait = tonumber(ARGV[2 * i])
            end
            return wait
          end
        end
        for i = 1, #KEYS do
          if redis.call('INCR', KEYS[i]) == 1 then
            redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
          end
        end
        return -1
        """;

    private static readonly TimeSpan _warningInterval = TimeSpan.FromMinutes(1);
    private readonly string _prefix = settings.Value.RedisKeyPrefix;
    private readonly TimeSpan _timeout = settings.Value.RedisTimeout;
    private long _lastWarningTicks;

    public bool IsConfigured => redis is not null;

    // Whether a request would be counted in Redis now; when not, limiters count in this process without waiting.
    public bool IsAvailable => redis?.IsConnected == true;

    // Null when the lease was taken, else how long to wait (the window's length if the lease does not say).
    public static TimeSpan? WaitOf(RateLimitLease lease, TimeSpan window) =>
        lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;

    // A limiter that counts in Redis under the key (after the prefix) and in the local limiter when Redis is not there.
    public RateLimiter Limiter(string key, int permitLimit, TimeSpan window, RateLimiter local) =>
        IsConfigured ? new SharedWindowLimiter(this, key, permitLimit, window, local) : local;

    // Takes one permit from every window, or none; null when Redis cannot answer (count locally instead).
    public async ValueTask<RateLimitLease?> TryTakeAsync(
        IReadOnlyList<(string Key, int PermitLimit, TimeSpan Window)> windows, CancellationToken ct)
    {
        if (redis is null)
        {
            return null;
        }

        if (!redis.IsConnected)
        {
            WarnLocal(null);
            return null;
        }

        var keys = windows.Select(w => (RedisKey)(_prefix + w.Key)).ToArray();
        var values = windows.SelectMany(w => new RedisValue[] { w.PermitLimit, (long)w.Window.TotalMilliseconds }).ToArray();
        try
        {
            var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, keys, values).WaitAsync(_timeout, ct);
            return result < 0 ? WindowLease.Acquired : WindowLease.Refused(TimeSpan.FromMilliseconds(Math.Max(result, 1)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            WarnLocal(e);
            return null;
        }
    }

    private void WarnLocal(Exception? e)
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= _warningInterval.Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            ScaleOutLog.RateLimitsLocal(logger, e);
        }
    }
}
