using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

public static class AuthCookieNames
{
    public const string Access = "my-app-auth";
    public const string Refresh = "my-refresh-token";
}

// Writes and deletes the two token cookies, always with the same attributes.
public sealed class AuthCookies(IOptions<JwtOptions> options, TimeProvider time)
{
    public void Write(HttpContext context, IssuedTokens tokens)
    {
        var now = time.GetUtcNow().UtcDateTime;
        context.Response.Cookies.Append(AuthCookieNames.Access, tokens.AccessToken, Options(context, tokens.AccessExpiresAt - now));
        context.Response.Cookies.Append(AuthCookieNames.Refresh, tokens.RefreshToken, Options(context, tokens.RefreshExpiresAt - now));
        context.Response.Headers.CacheControl = "no-store";
    }

    public void Delete(HttpContext context)
    {
        context.Response.Cookies.Delete(AuthCookieNames.Access, Options(context, null));
        context.Response.Cookies.Delete(AuthCookieNames.Refresh, Options(context, null));
        context.Response.Headers.CacheControl = "no-store";
    }

    private CookieOptions Options(HttpContext context, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = context.Request.IsHttps || options.Value.AlwaysSecureCookies,
        MaxAge = lifetime is { } value ? TimeSpan.FromSeconds(Math.Max(0, Math.Round(value.TotalSeconds))) : null,
        Expires = lifetime is { } forExpires ? time.GetUtcNow() + forExpires : null,
    };
}
