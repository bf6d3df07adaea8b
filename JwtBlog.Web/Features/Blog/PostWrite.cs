namespace JwtBlog.Web.Features.Blog;

// The kinds of post writes that are limited per user.
public enum PostWrite
{
    Create,
    Edit,
}
