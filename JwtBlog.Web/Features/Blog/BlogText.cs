namespace JwtBlog.Web.Features.Blog;

// The texts of the blog pages.
public sealed class BlogText;
