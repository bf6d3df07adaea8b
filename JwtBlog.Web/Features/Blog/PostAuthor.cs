namespace JwtBlog.Web.Features.Blog;

// A post's author as everyone may see them: the public name, never the email.
public sealed record PostAuthor(int Pk, string DisplayName);
