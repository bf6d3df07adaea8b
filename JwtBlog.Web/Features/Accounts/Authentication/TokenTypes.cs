namespace JwtBlog.Web.Features.Accounts.Authentication;

public static class TokenTypes
{
    public const string Access = "access";
    public const string Refresh = "refresh";
}
