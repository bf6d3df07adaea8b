using JwtBlog.Web.Features.Blog.Markdown;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Blog;

// The original's {"title", "content"} extended; author is null for a deleted user's post. Content is the Markdown
// source as written; content_html is its rendering, read-only.
public sealed record PostResponse(int Id, string Title, string Content, string ContentHtml, PostAuthor? Author, string CreatedAt, string UpdatedAt)
{
    public static PostResponse From(PostView post, PostHtmlCache html) => new(
        post.Id,
        post.Title,
        post.Content,
        html.ToHtml(post.Id, post.Content),
        post.AuthorId is { } authorId && post.AuthorName is { } name ? new PostAuthor(authorId, name) : null,
        DrfFormat.DateTime(post.CreatedAt),
        DrfFormat.DateTime(post.UpdatedAt));
}
