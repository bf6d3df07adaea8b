namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// GET /accounts/mfa/. The passkeys count joins this record when passkeys arrive.
public sealed record SecondFactorStatus(bool Totp, int RecoveryCodesLeft)
{
    public bool AnyActive => Totp;
}
