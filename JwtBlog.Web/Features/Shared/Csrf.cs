using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;

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

        // Antiforgery tokens must survive restarts: the keys are kept in the data folder.
        builder.Services.AddDataProtection()
            .SetApplicationName("JwtBlog")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Configuration.DataDirectory(builder.Environment), "keys")));
        return builder;
    }

    // A cookie-authenticated unsafe request must echo the page's <meta name="csrf-token"> in X-CSRF-TOKEN.
    // Bearer-authenticated and anonymous requests need none: a cross-site page cannot set that header.
    public static TBuilder RequireCsrfForCookieAuth<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var method = http.Request.Method;
            var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
            if (unsafeMethod && http.User.Identity?.IsAuthenticated == true && http.IsAuthenticatedByCookie()
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                return ApiResults.Detail("CSRF Failed: CSRF token missing or incorrect.", StatusCodes.Status403Forbidden);
            }

            return await next(context);
        });
}
