namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// GET /accounts/mfa/ and the two-factor page: the active authenticator, the recovery codes left, the passkeys.
public sealed record SecondFactorStatus(bool Totp, int RecoveryCodesLeft, int Passkeys)
{
    public bool AnyActive => Totp || Passkeys > 0;
}
