using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Blog;

// A post as the API and the pages show it. AuthorName (the display name) is null once the author's account is deleted.
public sealed record PostView(
    int Id, string Title, string Content, int? AuthorId, string? AuthorName, DateTime CreatedAt, DateTime UpdatedAt)
{
    public bool CanBeChangedBy(CurrentUser current, AppUser? user) => PostAccess.CanChange(user, AuthorId, current.SignedInWithSecondFactor);
}
