namespace JwtBlog.Web.Features.Accounts;

public sealed record IssuedTokens(
    string AccessToken, DateTime AccessExpiresAt, string RefreshToken, DateTime RefreshExpiresAt, string SessionId);
