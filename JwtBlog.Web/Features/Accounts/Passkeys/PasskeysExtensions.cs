using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

public static class PasskeysExtensions
{
    // Identity's passkey handler (WebAuthn checks, the UserPasskeys table) with this site as the relying party.
    public static WebApplicationBuilder AddPasskeys(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var services = builder.Services;
        services.AddOptions<PasskeySettings>().BindConfiguration(PasskeySettings.SectionName)
            .Validate(
                passkeys => passkeys.AllowedOrigins.All(PasskeyRelyingParty.IsOrigin),
                "Passkeys:AllowedOrigins must hold origins only: scheme and host (and port), such as https://blog.example.com.")
            .Validate(
                passkeys => passkeys.ServerDomain.Length == 0 || Uri.CheckHostName(passkeys.ServerDomain) == UriHostNameType.Dns,
                "Passkeys:ServerDomain must be a domain name, such as blog.example.com (no scheme, port, path or IP address).")
            .ValidateOnStart();
        services.AddOptions<SiteSettings>()
            .Validate<IOptions<PasskeySettings>>(
                (site, passkeys) => passkeys.Value.ServerDomain.Length > 0 || site.PublicBaseUrl.Length > 0 || !environment.IsProduction(),
                "Passkeys:ServerDomain (or App:PublicBaseUrl) is required in Production: a passkey is bound to the site's domain, which must not come from the Host header.")
            .ValidateOnStart();

        services.AddSingleton<PasskeyRelyingParty>();
        services.AddSingleton<IConfigureOptions<IdentityPasskeyOptions>>(sp => sp.GetRequiredService<PasskeyRelyingParty>());
        services.TryAddScoped<IPasskeyHandler<AppUser>, PasskeyHandler<AppUser>>();
        services.AddSingleton<PasskeyCeremonies>();
        services.AddScoped<UserPasskeys>();
        return builder;
    }
}
