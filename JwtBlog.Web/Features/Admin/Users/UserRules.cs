using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Admin.Users;

// Who may do what to whom, beyond being staff.
public static class UserRules
{
    public const string SuperuserOnly = "Only a superuser can change or delete a superuser.";

    // A staff member who is not a superuser cannot touch a superuser (or they could take over the account).
    public static bool CanChange(AppUser actor, AppUser target) => actor.IsSuperuser || !target.IsSuperuser;

    public static bool CanDelete(AppUser actor, AppUser target) => CanChange(actor, target) && actor.Id != target.Id;
}
