namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// GET /accounts/mfa/: {"totp": bool, "recovery_codes_left": n}. Passkeys add their count here when they arrive.
public sealed record MfaStatusResponse(bool Totp, int RecoveryCodesLeft)
{
    public static MfaStatusResponse From(SecondFactorStatus status) => new(status.Totp, status.RecoveryCodesLeft);
}
