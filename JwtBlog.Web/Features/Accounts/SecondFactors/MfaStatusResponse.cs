namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// GET /accounts/mfa/: {"totp": bool, "recovery_codes_left": n, "passkeys": n}.
public sealed record MfaStatusResponse(bool Totp, int RecoveryCodesLeft, int Passkeys)
{
    public static MfaStatusResponse From(SecondFactorStatus status) => new(status.Totp, status.RecoveryCodesLeft, status.Passkeys);
}
