namespace JwtBlog.Web.Features.Blog;

// The kinds of post writes: each gets its guards (BlogEndpoints); creates, edits and previews are also limited per user.
public enum PostWrite
{
    Create,
    Edit,
    Delete,
    Preview,
}
