using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Admin.Users;

// Who may do what to whom, beyond being staff.
public static class UserRules
{
    // Keys of AdminText.
    public const string SuperuserOnly = "UserRules.SuperuserOnly";
    public const string StaffOnlyBySuperuser = "UserRules.StaffOnlyBySuperuser";
    public const string GrantStaffOnlyBySuperuser = "UserRules.GrantStaffOnlyBySuperuser";

    // A staff member who is not a superuser may change themselves and users who are not staff: changing another
    // staff member's password, email, flags or sessions would let them take that account over.
    public static bool CanChange(AppUser actor, AppUser target) => Refusal(actor, target) is null;

    public static bool CanDelete(AppUser actor, AppUser target) => CanChange(actor, target) && actor.Id != target.Id;

    public static bool CanGrantStaff(AppUser actor) => actor.IsSuperuser;

    // Why the actor may not change the target (an AdminText key), or null when they may.
    public static string? Refusal(AppUser actor, AppUser target) =>
        actor.IsSuperuser || actor.Id == target.Id ? null
        : target.IsSuperuser ? SuperuserOnly
        : target.IsStaff ? StaffOnlyBySuperuser
        : null;
}
