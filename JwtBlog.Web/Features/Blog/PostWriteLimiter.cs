using System.Globalization;
using System.Threading.RateLimiting;
using JwtBlog.Web.Features.Shared.ScaleOut;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Blog;

// Two chained fixed windows (a minute and a day) per user, one pair for new posts and one for edits; previews have a minute's window only. Windows run on
// the system clock: System.Threading.RateLimiting takes no TimeProvider. With Redis the windows are counted there
// (shared by every instance), and here only while Redis does not answer.
public sealed class PostWriteLimiter : IDisposable
{
    private static readonly TimeSpan _minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan _day = TimeSpan.FromDays(1);
    private readonly SharedRateCounter _shared;
    private readonly PostWriteLimitSettings _settings;
    private readonly PartitionedRateLimiter<int> _creates;
    private readonly PartitionedRateLimiter<int> _edits;
    private readonly PartitionedRateLimiter<int> _previews;

    public PostWriteLimiter(IOptions<PostWriteLimitSettings> options, SharedRateCounter shared)
    {
        var settings = _settings = options.Value;
        _shared = shared;
        _creates = PerUser(settings.PostsPerMinutePerUser, settings.PostsPerDayPerUser);
        _edits = PerUser(settings.PostEditsPerMinutePerUser, settings.PostEditsPerDayPerUser);
        _previews = Window(settings.PostPreviewsPerMinutePerUser, _minute);
    }

    public async ValueTask<RateLimitLease> AcquireAsync(PostWrite write, int userId, CancellationToken ct)
    {
        if (_shared.IsConfigured && await _shared.TryTakeAsync(SharedWindows(write, userId), ct) is { } shared)
        {
            return shared;
        }

        return await (write switch
        {
            PostWrite.Create => _creates,
            PostWrite.Preview => _previews,
            _ => _edits,
        }).AcquireAsync(userId, cancellationToken: ct);
    }

    public void Dispose()
    {
        _creates.Dispose();
        _edits.Dispose();
        _previews.Dispose();
    }

    // The user id in braces is a Redis hash tag: a user's windows stay on one node of a cluster, as one script needs.
    private (string, int, TimeSpan)[] SharedWindows(PostWrite write, int userId)
    {
        var user = "{" + userId.ToString(CultureInfo.InvariantCulture) + "}";
        return write switch
        {
            PostWrite.Create => [("post-create:" + user + ":minute", _settings.PostsPerMinutePerUser, _minute),
                ("post-create:" + user + ":day", _settings.PostsPerDayPerUser, _day)],
            PostWrite.Preview => [("post-preview:" + user, _settings.PostPreviewsPerMinutePerUser, _minute)],
            _ => [("post-edit:" + user + ":minute", _settings.PostEditsPerMinutePerUser, _minute),
                ("post-edit:" + user + ":day", _settings.PostEditsPerDayPerUser, _day)],
        };
    }

    private static PartitionedRateLimiter<int> PerUser(int perMinute, int perDay) => PartitionedRateLimiter.CreateChained(
        Window(perMinute, _minute),
        Window(perDay, _day));

    private static PartitionedRateLimiter<int> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<int, int>(userId => RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}
