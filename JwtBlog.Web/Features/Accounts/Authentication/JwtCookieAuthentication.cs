using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Authentication;

public static class JwtCookieAuthentication
{
    public static int UserId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(TokenClaims.UserId)!, System.Globalization.CultureInfo.InvariantCulture);

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(TokenClaims.SessionId);

    public static WebApplicationBuilder AddJwtCookieAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, SigningKey.Validation>();
        services.AddSingleton<SigningKey>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<SessionGuard>();
        services.AddSingleton<SessionActivity>();
        services.AddHostedService<SessionActivityFlusher>();
        services.AddSingleton<ValidatedTokens>();
        services.AddSingleton<AuthCookies>();
        services.AddScoped<TokenService>();
        services.AddMemoryCache();

        // The default scheme, so [Authorize], RequireAuthorization() and policies use it without naming it.
        services.AddAuthentication(JwtCookieHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, JwtCookieHandler>(JwtCookieHandler.SchemeName, configureOptions: null);
        services.AddAuthorization();
        return builder;
    }
}
