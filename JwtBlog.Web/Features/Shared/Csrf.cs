using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared;

public static class Csrf
{
    public const string HeaderName = "X-CSRF-TOKEN";
    public const string CookieName = "jwtblog-csrf";

    public static WebApplicationBuilder AddCsrf(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = CookieName;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true;
        });

        builder.AddDataProtectionKeys();
        return builder;
    }

    // Every API endpoint checks CSRF unless it opts out; only login, join, token/refresh and logout do, because they
    // authenticate nobody by cookie and the JSON-only rule forces a CORS preflight on cross-site callers.
    public static TBuilder DisableCsrfCheck<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CsrfExemptMetadata.Instance);

    // A cookie-authenticated unsafe request to an API endpoint must echo the page's <meta name="csrf-token"> in
    // X-CSRF-TOKEN. Bearer-authenticated and anonymous requests need none: a cross-site page cannot set that header.
    // Runs after authorization, so an anonymous caller still gets its 401 first.
    public static WebApplication UseApiCsrfCheck(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!IsSafe(http.Request.Method) && http.IsApiEndpoint()
                && http.GetEndpoint()?.Metadata.GetMetadata<CsrfExemptMetadata>() is null
                && http.User.Identity?.IsAuthenticated == true && IsAuthenticatedByCookie(http)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                var messages = http.RequestServices.GetRequiredService<IStringLocalizer<ApiText>>();
                await ApiResults.Detail(messages["Detail.CsrfFailed"], StatusCodes.Status403Forbidden).ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        return app;
    }

    // The authentication handler says in its result's properties where the token came from.
    private static bool IsAuthenticatedByCookie(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.GetString(CredentialSource.PropertyName)
            == CredentialSource.Cookie;

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
