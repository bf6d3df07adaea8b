using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// Reads, writes and deletes the two token cookies, always with the same attributes.
public sealed class AuthCookies(IOptions<JwtOptions> options, TimeProvider time)
{
    // Request.Cookies keeps one value per name. A second cookie of the same name (one set for a parent domain or a
    // narrower path: cookie tossing) must not choose whose tokens are read, so a duplicate makes both cookies count
    // as absent.
    public static (string? Access, string? Refresh, bool Duplicated) Read(HttpRequest request)
    {
        if (HasDuplicate(request.Headers.Cookie))
        {
            return (null, null, true);
        }

        return (NullIfEmpty(request.Cookies[AuthCookieNames.Access]), NullIfEmpty(request.Cookies[AuthCookieNames.Refresh]), false);
    }

    // A kept session's cookies expire with their tokens; any other session's are browser-session cookies (no Expires,
    // no Max-Age), forgotten when the browser closes.
    public void Write(HttpContext context, IssuedTokens tokens)
    {
        var now = time.GetUtcNow().UtcDateTime;
        context.Response.Cookies.Append(
            AuthCookieNames.Access, tokens.AccessToken, Options(context, tokens.Persistent ? tokens.AccessExpiresAt - now : null));
        context.Response.Cookies.Append(
            AuthCookieNames.Refresh, tokens.RefreshToken, Options(context, tokens.Persistent ? tokens.RefreshExpiresAt - now : null));
        context.Response.Headers.CacheControl = "no-store";
    }

    public void Delete(HttpContext context)
    {
        context.Response.Cookies.Delete(AuthCookieNames.Access, Options(context, null));
        context.Response.Cookies.Delete(AuthCookieNames.Refresh, Options(context, null));
        context.Response.Headers.CacheControl = "no-store";
    }

    private static bool HasDuplicate(StringValues cookieHeaders)
    {
        int access = 0, refresh = 0;
        foreach (var header in cookieHeaders)
        {
            var text = header.AsSpan();
            foreach (var range in text.SplitAny(";,"))
            {
                var pair = text[range];
                var equals = pair.IndexOf('=');
                var name = (equals < 0 ? pair : pair[..equals]).Trim();
                if (name.Equals(AuthCookieNames.Access, StringComparison.OrdinalIgnoreCase))
                {
                    access++;
                }
                else if (name.Equals(AuthCookieNames.Refresh, StringComparison.OrdinalIgnoreCase))
                {
                    refresh++;
                }
            }
        }

        return access > 1 || refresh > 1;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

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
