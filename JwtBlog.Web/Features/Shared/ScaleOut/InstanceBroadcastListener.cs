using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Blog;
using StackExchange.Redis;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// Applies the other instances' broadcasts to this instance's caches: revoked sessions are marked dead, the feed's
// cached pages are dropped. Messages from this instance itself are ignored (it applied them already).
public sealed class InstanceBroadcastListener(
    IConnectionMultiplexer redis, InstanceBroadcast broadcast, SessionGuard sessions, FeedCache feed) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(InstanceBroadcast.SessionsRevokedChannel, (_, message) =>
        {
            var parts = ((string?)message ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 1 && parts[0] != broadcast.InstanceId)
            {
                sessions.MarkRevokedHere(parts[1..]);
            }
        });
        await subscriber.SubscribeAsync(InstanceBroadcast.FeedChangedChannel, (_, message) =>
        {
            if ((string?)message != broadcast.InstanceId)
            {
                feed.InvalidateHere();
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().UnsubscribeAllAsync();
}
