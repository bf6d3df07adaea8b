namespace JwtBlog.Web.Features.Blog;

public sealed record PostCreatedResponse(string Message, PostResponse Post);
