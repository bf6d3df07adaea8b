namespace JwtBlog.Web.Features.Shared;

public static class CorsExtensions
{
    // Only the exact origins in Cors:AllowedOrigins, with credentials; none by default. Never "*", never an echo.
    public static WebApplicationBuilder AddStrictCors(this WebApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection(CorsSettings.SectionName).Get<CorsSettings>()?.AllowedOrigins ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
            {
                throw new InvalidOperationException(
                    $"Cors:AllowedOrigins has \"{origin}\"; each entry must be an exact origin such as https://app.example.com.");
            }
        }

        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins([.. origins.Select(o => o.TrimEnd('/'))])
            .AllowCredentials()
            .WithHeaders("Content-Type", "Authorization", Csrf.HeaderName)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }
}
