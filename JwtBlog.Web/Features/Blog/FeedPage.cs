namespace JwtBlog.Web.Features.Blog;

public sealed record FeedPage(IReadOnlyList<PostView> Posts, string? NextCursor);
