namespace JwtBlog.Web.Features.Shared;

public static class SecurityHeaders
{
    // Headers every response carries; pages and API alike get a strict CSP (the API never serves markup).
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
                "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            if (!context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js"))
            {
                // Pages and API answers are per user: never cached. Set last, so antiforgery's own value is kept.
                context.Response.OnStarting(NoStoreUnlessSet, context.Response);
            }

            return next(context);
        });
        return app;
    }

    // Static, with the response as its state: no closure allocated per request.
    private static Task NoStoreUnlessSet(object state)
    {
        var response = (HttpResponse)state;
        if (string.IsNullOrEmpty(response.Headers.CacheControl))
        {
            response.Headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }
}
