namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// POST /accounts/login/ for a user with a second factor: no cookies yet; POST /accounts/login/mfa/ continues.
public sealed record MfaRequiredResponse(bool MfaRequired, string MfaToken, IReadOnlyList<string> Methods);
