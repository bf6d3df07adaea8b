using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Blog;

// The original's {"title", "content"} extended; author is null for a deleted user's post.
public sealed record PostResponse(int Id, string Title, string Content, PostAuthor? Author, string CreatedAt, string UpdatedAt)
{
    public static PostResponse From(PostView post) => new(
        post.Id,
        post.Title,
        post.Content,
        post.AuthorId is { } authorId && post.AuthorName is { } name ? new PostAuthor(authorId, name) : null,
        DrfFormat.DateTime(post.CreatedAt),
        DrfFormat.DateTime(post.UpdatedAt));
}
