namespace JwtBlog.Web.Features.Accounts;

// simplejwt's answer to a bad token: {"detail": "...", "code": "token_not_valid"}.
public sealed record TokenErrorResponse(string Detail, string Code);
