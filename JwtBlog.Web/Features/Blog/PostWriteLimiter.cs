using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Blog;

// Two chained fixed windows (a minute and a day) per user, one pair for new posts and one for edits. Windows run on
// the system clock: System.Threading.RateLimiting takes no TimeProvider.
public sealed class PostWriteLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<int> _creates;
    private readonly PartitionedRateLimiter<int> _edits;

    public PostWriteLimiter(IOptions<PostWriteLimitSettings> options)
    {
        var settings = options.Value;
        _creates = PerUser(settings.PostsPerMinutePerUser, settings.PostsPerDayPerUser);
        _edits = PerUser(settings.PostEditsPerMinutePerUser, settings.PostEditsPerDayPerUser);
    }

    public ValueTask<RateLimitLease> AcquireAsync(PostWrite write, int userId, CancellationToken ct) =>
        (write == PostWrite.Create ? _creates : _edits).AcquireAsync(userId, cancellationToken: ct);

    public void Dispose()
    {
        _creates.Dispose();
        _edits.Dispose();
    }

    private static PartitionedRateLimiter<int> PerUser(int perMinute, int perDay) => PartitionedRateLimiter.CreateChained(
        Window(perMinute, TimeSpan.FromMinutes(1)),
        Window(perDay, TimeSpan.FromDays(1)));

    private static PartitionedRateLimiter<int> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<int, int>(userId => RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}
