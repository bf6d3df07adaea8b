namespace JwtBlog.Web.Features.Shared;

// Where the authentication handler found the caller's access token. The handler records it in the
// AuthenticationProperties of its result (never in a claim a token could carry); the CSRF check reads it there.
public static class CredentialSource
{
    public const string PropertyName = "jwtblog.credential";
    public const string Cookie = "cookie";
    public const string Header = "header";
}
