using System.Globalization;

namespace JwtBlog.Web.Features.Blog;

// The original's {"title", "content"} extended; author is null for a deleted user's post.
public sealed record PostResponse(int Id, string Title, string Content, PostAuthor? Author, string CreatedAt, string UpdatedAt)
{
    public static PostResponse From(PostView post) => new(
        post.Id,
        post.Title,
        post.Content,
        post.AuthorId is { } authorId && post.AuthorEmail is { } email ? new PostAuthor(authorId, email) : null,
        Format(post.CreatedAt),
        Format(post.UpdatedAt));

    // DRF's DateTimeField output: ISO 8601 in UTC with microseconds.
    private static string Format(DateTime value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

public sealed record PostAuthor(int Pk, string Email);

public sealed record PostListResponse(IReadOnlyList<PostResponse> Posts, string? Next);

public sealed record PostCreatedResponse(string Message, PostResponse Post);
