using StackExchange.Redis;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// Tells the other instances what this one changed, over Redis pub/sub, so that they drop their cached answers at
// once instead of when the answers expire. Without Redis it tells nobody (one instance, or the caches' short window).
public sealed class InstanceBroadcast(IConnectionMultiplexer? redis)
{
    public static readonly RedisChannel SessionsRevokedChannel = RedisChannel.Literal("jwtblog:sessions-revoked");
    public static readonly RedisChannel FeedChangedChannel = RedisChannel.Literal("jwtblog:feed-changed");

    // Tells this instance's own messages from the others'.
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public bool IsShared => redis is not null;

    public void SessionsRevoked(IEnumerable<string> sessionIds)
    {
        if (redis is not null)
        {
            redis.GetSubscriber().Publish(SessionsRevokedChannel, InstanceId + " " + string.Join(' ', sessionIds), CommandFlags.FireAndForget);
        }
    }

    public void FeedChanged()
    {
        redis?.GetSubscriber().Publish(FeedChangedChannel, InstanceId, CommandFlags.FireAndForget);
    }
}
