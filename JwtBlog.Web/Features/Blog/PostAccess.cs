using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Blog;

// The author and staff may change or delete a post. The user comes from the database (CurrentUser), so a staff flag
// removed a minute ago is already gone; staff powers also need a session signed in with a second factor.
public static class PostAccess
{
    public static bool CanChange(AppUser? user, int? authorId, bool secondFactorSession) =>
        user is { IsActive: true } && ((user.IsStaff && secondFactorSession) || (authorId is not null && user.Id == authorId));
}
