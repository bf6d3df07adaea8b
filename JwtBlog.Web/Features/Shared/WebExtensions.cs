using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using JwtBlog.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;

namespace JwtBlog.Web.Features.Shared;

public static class WebExtensions
{
    public const string AssetsFolder = "wwwroot-assets";

    // Razor Pages live in the feature folders; JSON is snake_case and leaves non-ASCII text (Korean) unescaped.
    public static WebApplicationBuilder AddWebDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();

        // Razor writes Korean (any non-ASCII text) as is, not as numeric character references.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
        });
        UseAssetsAsWebRoot(builder.Environment);
        return builder;
    }

    // wwwroot-assets/ sits beside the project in a checkout and beside the app in a publish folder.
    private static void UseAssetsAsWebRoot(IWebHostEnvironment environment)
    {
        var published = Path.Combine(environment.ContentRootPath, AssetsFolder);
        var checkout = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", AssetsFolder));
        var root = Directory.Exists(published) ? published : checkout;
        if (Directory.Exists(root))
        {
            environment.WebRootPath = root;
            environment.WebRootFileProvider = new PhysicalFileProvider(root);
        }
    }

    // API errors are always JSON; pages get the error page. Never a stack trace.
    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A row changed or deleted by a concurrent request between read and write is a conflict, not a crash.
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
                PasswordHashingBusyException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            // Expected refusals under load or races are answered, not logged as errors.
            SuppressDiagnosticsCallback = context => context.Exception is PasswordHashingBusyException or DbUpdateConcurrencyException,
            ExceptionHandler = async context =>
            {
                if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
                {
                    RetryAfter.Set(context.Response, TimeSpan.FromSeconds(5));
                }

                var detail = context.Response.StatusCode switch
                {
                    StatusCodes.Status409Conflict => "This item was changed or deleted by another request. Reload it and try again.",
                    StatusCodes.Status503ServiceUnavailable => "The server is busy. Try again in a few seconds.",
                    < 500 => "Bad request.",
                    _ => "A server error occurred.",
                };
                if (ApiPaths.IsApi(context.Request.Path))
                {
                    await context.Response.WriteAsJsonAsync(new DetailResponse(detail));
                    return;
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Error</title><link rel=\"stylesheet\" href=\"/css/site.css\">" +
                    $"<main class=\"container\"><h1>Something went wrong</h1><p>{detail}</p><p><a href=\"/\">Back to the blog</a></p></main>");
            },
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (ApiPaths.IsApi(http.Request.Path))
            {
                var detail = http.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => "Not found.",
                    StatusCodes.Status405MethodNotAllowed => $"Method \"{http.Request.Method}\" not allowed.",
                    // Routing refuses a body that is not JSON for endpoints that declare a JSON request: same text as JsonBody's.
                    StatusCodes.Status415UnsupportedMediaType => $"Unsupported media type \"{http.Request.ContentType}\" in request.",
                    StatusCodes.Status401Unauthorized => "Authentication credentials were not provided.",
                    StatusCodes.Status403Forbidden => "You do not have permission to perform this action.",
                    _ => "Request failed.",
                };
                await http.Response.WriteAsJsonAsync(new DetailResponse(detail));
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            var (title, text) = http.Response.StatusCode switch
            {
                StatusCodes.Status403Forbidden => ("Forbidden", "You do not have permission to see this page."),
                StatusCodes.Status404NotFound => ("Not found", "There is nothing at this address."),
                _ => ("Error", "The request could not be completed."),
            };
            await http.Response.WriteAsync(
                $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{title}</title>" +
                $"<link rel=\"stylesheet\" href=\"/css/site.css\"><main class=\"container\"><h1>{title}</h1><p>{text}</p><p><a href=\"/\">Back to the blog</a></p></main>");
        });
        return app;
    }

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
                context.Response.OnStarting(() =>
                {
                    if (string.IsNullOrEmpty(context.Response.Headers.CacheControl))
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}
