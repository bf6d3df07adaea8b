using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Blog;

// Two chained fixed windows (a minute and a day) per user, one pair for new posts and one for edits; previews have a minute's window only. Windows run on
// the system clock: System.Threading.RateLimiting takes no TimeProvider.
public sealed class PostWriteLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<int> _creates;
    private readonly PartitionedRateLimiter<int> _edits;
    private readonly PartitionedRateLimiter<int> _previews;

    public PostWriteLimiter(IOptions<PostWriteLimitSettings> options)
    {
        var settings = options.Value;
        _creates = PerUser(settings.PostsPerMinutePerUser, settings.PostsPerDayPerUser);
        _edits = PerUser(settings.PostEditsPerMinutePerUser, settings.PostEditsPerDayPerUser);
        _previews = Window(settings.PostPreviewsPerMinutePerUser, TimeSpan.FromMinutes(1));
    }

    public ValueTask<RateLimitLease> AcquireAsync(PostWrite write, int userId, CancellationToken ct) =>
        (write switch
        {
            PostWrite.Create => _creates,
            PostWrite.Preview => _previews,
            _ => _edits,
        }).AcquireAsync(userId, cancellationToken: ct);

    public void Dispose()
    {
        _creates.Dispose();
        _edits.Dispose();
        _previews.Dispose();
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
