using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Admin.Users;

// Who may do what to whom, beyond being staff.
public static class UserRules
{
    public const string SuperuserOnly = "Only a superuser can change or delete a superuser.";
    public const string StaffOnlyBySuperuser = "Only a superuser can change or delete another staff member.";
    public const string GrantStaffOnlyBySuperuser = "Only a superuser can grant staff status.";

    // A staff member who is not a superuser may change themselves and users who are not staff: changing another
    // staff member's password, email, flags or sessions would let them take that account over.
    public static bool CanChange(AppUser actor, AppUser target) => Refusal(actor, target) is null;

    public static bool CanDelete(AppUser actor, AppUser target) => CanChange(actor, target) && actor.Id != target.Id;

    public static bool CanGrantStaff(AppUser actor) => actor.IsSuperuser;

    // Why the actor may not change the target, or null when they may.
    public static string? Refusal(AppUser actor, AppUser target) =>
        actor.IsSuperuser || actor.Id == target.Id ? null
        : target.IsSuperuser ? SuperuserOnly
        : target.IsStaff ? StaffOnlyBySuperuser
        : null;
}
