using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace JwtBlog.Web.Features.Shared;

public static class Csrf
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static WebApplicationBuilder AddCsrf(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = "jwtblog-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true;
        });

        builder.AddDataProtectionKeys();
        return builder;
    }

    // A cookie-authenticated unsafe request must echo the page's <meta name="csrf-token"> in X-CSRF-TOKEN.
    // Bearer-authenticated and anonymous requests need none: a cross-site page cannot set that header.
    public static TBuilder RequireCsrfForCookieAuth<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            // Endpoints that answer only safe methods get no filter at all: nothing to check, nothing to pay.
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            if (methods.Count > 0 && methods.All(IsSafe))
            {
                return;
            }

            endpoint.FilterFactories.Add((_, next) => async context =>
            {
                var http = context.HttpContext;
                if (!IsSafe(http.Request.Method) && http.User.Identity?.IsAuthenticated == true && IsAuthenticatedByCookie(http)
                    && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
                {
                    return ApiResults.Detail("CSRF Failed: CSRF token missing or incorrect.", StatusCodes.Status403Forbidden);
                }

                return await next(context);
            });
        });
        return builder;
    }

    // The authentication handler says in its result's properties where the token came from.
    private static bool IsAuthenticatedByCookie(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.GetString(CredentialSource.PropertyName)
            == CredentialSource.Cookie;

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
