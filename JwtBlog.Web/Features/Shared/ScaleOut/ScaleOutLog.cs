namespace JwtBlog.Web.Features.Shared.ScaleOut;

internal static partial class ScaleOutLog
{
    [LoggerMessage(EventId = 10001, EventName = "ScaleOutShared", Level = LogLevel.Information,
        Message = "Database {Provider} with Redis: session revocations and feed changes reach every instance at once, and the per-client, per-user, per-session and per-address rate limits are counted in Redis.")]
    internal static partial void Shared(ILogger logger, string provider);

    [LoggerMessage(EventId = 10002, EventName = "ScaleOutWithoutRedis", Level = LogLevel.Warning,
        Message = "Database {Provider} without Redis (Redis:Configuration is empty): several instances work, but another instance accepts a revoked session for up to {Window} (Jwt:SessionCheckCacheDuration), shows a cached feed page until its own next write, and counts rate limits on its own.")]
    internal static partial void WithoutRedis(ILogger logger, string provider, TimeSpan window);

    [LoggerMessage(EventId = 10003, EventName = "SingleInstance", Level = LogLevel.Information,
        Message = "Database Sqlite: one instance (caches, rate limits and the write gate are in this process).")]
    internal static partial void SingleInstance(ILogger logger);

    [LoggerMessage(EventId = 10004, EventName = "RateLimitsCountedLocally", Level = LogLevel.Warning,
        Message = "Redis does not answer: rate limits are counted on this instance alone until it does (this warning repeats at most once a minute).")]
    internal static partial void RateLimitsLocal(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 10005, EventName = "RevocationNotBroadcast", Level = LogLevel.Warning,
        Message = "Redis did not take the revocation of {Count} session(s): other instances refuse them when their cached answer ends (Jwt:SessionCheckCacheDuration).")]
    internal static partial void RevocationNotBroadcast(ILogger logger, int count, Exception exception);
}
