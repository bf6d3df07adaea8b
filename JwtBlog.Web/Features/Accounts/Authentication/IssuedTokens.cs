namespace JwtBlog.Web.Features.Accounts.Authentication;

public sealed record IssuedTokens(
    string AccessToken, DateTime AccessExpiresAt, string RefreshToken, DateTime RefreshExpiresAt, string SessionId);
