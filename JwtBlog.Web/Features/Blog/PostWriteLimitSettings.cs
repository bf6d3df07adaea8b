using System.ComponentModel.DataAnnotations;

namespace JwtBlog.Web.Features.Blog;

// Per-user write limits (section RateLimiting), so one account cannot fill the disk; staff are exempt.
public sealed class PostWriteLimitSettings
{
    [Range(1, int.MaxValue)]
    public int PostsPerMinutePerUser { get; set; } = 10;

    [Range(1, int.MaxValue)]
    public int PostsPerDayPerUser { get; set; } = 100;

    [Range(1, int.MaxValue)]
    public int PostEditsPerMinutePerUser { get; set; } = 30;

    [Range(1, int.MaxValue)]
    public int PostEditsPerDayPerUser { get; set; } = 300;

    // A preview writes nothing but costs a render of up to 20,000 characters.
    [Range(1, int.MaxValue)]
    public int PostPreviewsPerMinutePerUser { get; set; } = 60;
}
