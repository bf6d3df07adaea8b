namespace JwtBlog.Web.Features.Blog;

public sealed record PostListResponse(IReadOnlyList<PostResponse> Posts, string? Next);
