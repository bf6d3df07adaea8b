namespace JwtBlog.Web.Features.Accounts.Authentication;

// RFC 8176 authentication method reference values, carried in the access token's "amr" claim.
public static class AuthenticationMethods
{
    public const string Password = "pwd";
    public const string OneTimePassword = "otp";
    public const string RecoveryCode = "rc";
    public const string HardwareKey = "hwk";

    // A second factor beyond the password: what staff sessions must include.
    public static bool IncludesSecondFactor(IEnumerable<string> methods) =>
        methods.Any(method => method is OneTimePassword or RecoveryCode or HardwareKey);
}
