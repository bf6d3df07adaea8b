using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Blog;

// The author and staff may change or delete a post. The user comes from the database (CurrentUser), so a staff flag
// removed a minute ago is already gone; the token's claims are never asked.
public static class PostAccess
{
    public static bool CanChange(AppUser? user, int? authorId) =>
        user is { IsActive: true } && (user.IsStaff || (authorId is not null && user.Id == authorId));
}
