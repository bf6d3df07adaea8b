namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// Shown once: only their hashes are kept.
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
