namespace JwtBlog.Web.Features.Blog;

public sealed record PostAuthor(int Pk, string Email);
