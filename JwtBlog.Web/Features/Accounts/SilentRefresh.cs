using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// Page requests whose access cookie is missing or stale but whose refresh cookie is good are served as that user,
// and the answer carries the rotated cookies; a bad refresh cookie is deleted and the visitor is signed out.
// Parallel tabs present the same refresh cookie: the rotation's grace window hands them all the same successor.
public static class SilentRefresh
{
    public static IApplicationBuilder UseSilentRefresh(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var refreshToken = context.Request.Cookies[AuthCookieNames.Refresh];
        if (!string.IsNullOrEmpty(refreshToken)
            && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null
            && !context.Request.Headers.ContainsKey("Authorization")
            && !await HasLiveAccessCookieAsync(context))
        {
            var tokens = context.RequestServices.GetRequiredService<TokenService>();
            var cookies = context.RequestServices.GetRequiredService<AuthCookies>();
            var result = await tokens.RefreshAsync(refreshToken, RefreshClient.From(context), context.RequestAborted);
            if (result.Tokens is { } issued)
            {
                cookies.Write(context, issued);
                context.Items[JwtCookieAuthentication.RefreshedAccessTokenKey] = issued.AccessToken;
            }
            else
            {
                cookies.Delete(context);
                context.Items[JwtCookieAuthentication.RefreshedAccessTokenKey] = "";
            }
        }

        await next(context);
    });

    private static async Task<bool> HasLiveAccessCookieAsync(HttpContext context)
    {
        var access = context.Request.Cookies[AuthCookieNames.Access];
        if (string.IsNullOrEmpty(access))
        {
            return false;
        }

        // A token seen before skips the signature check here, as it does in authentication.
        var services = context.RequestServices;
        var claims = services.GetRequiredService<ValidatedTokens>().Find(access)
            ?? (await services.GetRequiredService<TokenService>().ValidateAsync(access, TokenTypes.Access)).Claims;
        return claims is not null
            && await services.GetRequiredService<SessionGuard>().IsActiveAsync(services, claims.SessionId()!, context.RequestAborted);
    }
}
