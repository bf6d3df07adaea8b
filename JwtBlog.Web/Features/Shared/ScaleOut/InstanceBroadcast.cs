using StackExchange.Redis;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// Tells the other instances what this one changed, over Redis pub/sub, so that they drop their cached answers at
// once instead of when the answers expire. Without Redis it tells nobody (one instance, or the caches' short window).
public sealed class InstanceBroadcast(IConnectionMultiplexer? redis, ILogger<InstanceBroadcast> logger)
{
    public static readonly RedisChannel SessionsRevokedChannel = RedisChannel.Literal("jwtblog:sessions-revoked");
    public static readonly RedisChannel FeedChangedChannel = RedisChannel.Literal("jwtblog:feed-changed");

    // Tells this instance's own messages from the others'.
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public bool IsShared => redis is not null;

    // Some revocations run inside a write transaction (holding a row lock, or SQLite's write gate): an unreachable Redis
    // may delay them this long at most.
    private static readonly TimeSpan _publishTimeout = TimeSpan.FromMilliseconds(500);

    // Awaited, so the revoking request answers only after Redis has passed the message to every listening instance.
    // Should Redis fail, the revocation stands in the database and the others learn it when their cached answer ends.
    public async Task SessionsRevokedAsync(IReadOnlyCollection<string> sessionIds)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(SessionsRevokedChannel, InstanceId + " " + string.Join(' ', sessionIds))
                .WaitAsync(_publishTimeout);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            ScaleOutLog.RevocationNotBroadcast(logger, sessionIds.Count, e);
        }
    }

    public void FeedChanged()
    {
        redis?.GetSubscriber().Publish(FeedChangedChannel, InstanceId, CommandFlags.FireAndForget);
    }
}
