namespace JwtBlog.Web.Features.Blog;

// Marks a /blog/ handler as a post write, so BlogEndpoints puts that write's guards in front of it.
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostWriteAttribute(PostWrite write) : Attribute
{
    public PostWrite Write { get; } = write;
}
