using System.Collections.Immutable;
using System.Security.Claims;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// What a verified token says. Immutable, so it may be remembered across requests; every request builds its own
// ClaimsPrincipal from it, and no request can change what the next one sees.
public sealed record ValidatedToken(
    string Type,
    int UserId,
    string SessionId,
    string? Jti,
    DateTime ExpiresAt,
    ImmutableArray<(string Type, string Value, string ValueType)> Claims)
{
    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
        Claims.Select(claim => new Claim(claim.Type, claim.Value, claim.ValueType)),
        authenticationType,
        TokenClaims.Email,
        ClaimsIdentity.DefaultRoleClaimType));
}
