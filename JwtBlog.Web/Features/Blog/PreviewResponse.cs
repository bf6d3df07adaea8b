namespace JwtBlog.Web.Features.Blog;

public sealed record PreviewResponse(string ContentHtml);
