namespace JwtBlog.Web.Features.Blog;

public sealed record FeedRequest(int Limit, int? BeforeId);
