using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Blog;

public sealed class Post
{
    public const int TitleMaxLength = 100;
    public const int ContentMaxLength = 20_000;

    public int Id { get; init; }
    public string Title { get; set; } = "";
    public string Content { get; set; } = "";

    // Null once the author's account is deleted: the post stays readable, shown as by a deleted user.
    public int? AuthorId { get; set; }
    public AppUser? Author { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}
