namespace JwtBlog.Web.Features.Accounts;

public sealed record PasswordChangedResponse(string Detail, string AccessToken, string RefreshToken);
