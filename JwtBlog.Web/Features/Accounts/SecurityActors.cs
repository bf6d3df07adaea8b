using System.Globalization;

namespace JwtBlog.Web.Features.Accounts;

// Who or what ended sessions or set a password, as the security log names them.
public static class SecurityActors
{
    public const string Self = "the user";
    public const string PasswordChange = "a password change";
    public const string CommandLine = "a management command";
    public const string SessionCap = "the session cap";
    public const string PasswordReset = "a password reset";

    public static string Admin(int adminId) => "admin " + adminId.ToString(CultureInfo.InvariantCulture);
}
