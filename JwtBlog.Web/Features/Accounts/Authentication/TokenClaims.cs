namespace JwtBlog.Web.Features.Accounts.Authentication;

public static class TokenClaims
{
    public const string TokenType = "token_type";
    public const string UserId = "user_id";
    public const string SessionId = "sid";
    public const string Email = "email";
    public const string AuthMethods = "amr";
    public const string AuthTime = "auth_time";
}
