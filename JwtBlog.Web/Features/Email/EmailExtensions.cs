using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Email;

public static class EmailExtensions
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        builder.Services.AddOptions<SiteSettings>().BindConfiguration(SiteSettings.SectionName)
            .Validate(
                site => site.PublicBaseUrl.Length == 0 || PublicUrls.IsBaseUrl(site.PublicBaseUrl),
                "App:PublicBaseUrl must be an absolute http or https URL without a query or fragment.")
            .Validate(
                site => site.PublicBaseUrl.Length > 0 || !environment.IsProduction() || PublicUrls.HostsAreListed(configuration),
                "App:PublicBaseUrl is required in Production unless AllowedHosts lists the site's hosts: links in emails must not come from an unchecked Host header.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddSingleton<EmailComposer>();
        builder.Services.AddScoped<EmailOutbox>();
        return builder;
    }
}
