using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// Ready only while Redis answers: without it, revocations would wait for the other instances' cache window.
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
