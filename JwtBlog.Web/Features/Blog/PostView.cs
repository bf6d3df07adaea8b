using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Blog;

// A post as the API and the pages show it. AuthorEmail is null once the author's account is deleted.
public sealed record PostView(
    int Id, string Title, string Content, int? AuthorId, string? AuthorEmail, DateTime CreatedAt, DateTime UpdatedAt)
{
    public bool CanBeChangedBy(AppUser? user) => PostAccess.CanChange(user, AuthorId);
}

// The author and staff may change or delete a post. The user comes from the database (CurrentUser), so a staff flag
// removed a minute ago is already gone; the token's claims are never asked.
public static class PostAccess
{
    public static bool CanChange(AppUser? user, int? authorId) =>
        user is { IsActive: true } && (user.IsStaff || (authorId is not null && user.Id == authorId));
}
