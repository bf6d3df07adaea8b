namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// The "methods" a two-step sign-in offers.
public static class SecondFactorMethods
{
    public const string Totp = "totp";
    public const string RecoveryCode = "recovery_code";
}
