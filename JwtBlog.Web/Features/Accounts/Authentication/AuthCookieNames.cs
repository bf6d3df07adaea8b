namespace JwtBlog.Web.Features.Accounts.Authentication;

public static class AuthCookieNames
{
    public const string Access = "my-app-auth";
    public const string Refresh = "my-refresh-token";
}
