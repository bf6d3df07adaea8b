using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts;

// The original's custom user: the email is the username, plus names, gender, birth date and Django's flags.
public sealed class AppUser : IdentityUser<int>
{
    public const int NameMaxLength = 150;
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 50;

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";

    // The public name shown with the user's posts; the email is never shown to anyone but its owner and staff.
    public string DisplayName { get; set; } = "";
    public string Gender { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsStaff { get; set; }
    public bool IsSuperuser { get; set; }
    public DateTime DateJoined { get; set; }
    public DateTime? LastLogin { get; set; }

    // Bumped by every password-reset request and every reset: only the newest reset link works, and only once.
    public int PasswordResetGeneration { get; set; }

    // The address asked for on a change of address, until the link sent to it is confirmed or the old address cancels.
    public string? PendingEmail { get; set; }
}
