using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Shared;
using Microsoft.Extensions.Options;
using MimeKit;

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
        builder.Services.AddOptions<EmailSettings>().BindConfiguration(EmailSettings.SectionName)
            .ValidateDataAnnotations()
            .Validate(email => MailboxAddress.TryParse(email.From, out _), "Email:From must be an email address, e.g. \"JwtBlog <noreply@blog.example.com>\".")
            .Validate(
                email => email.UsesSmtp || email.PickupDirectory.Length > 0 || !environment.IsProduction(),
                "Email:Smtp:Host or Email:PickupDirectory is required in Production: without one, no email (password reset, notices) would leave the server.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddSingleton<EmailComposer>();
        builder.Services.AddScoped<EmailOutbox>();
        builder.Services.AddSingleton<IMailTransport>(services =>
        {
            var settings = services.GetRequiredService<IOptions<EmailSettings>>();
            return settings.Value.UsesSmtp
                ? new SmtpTransport(settings)
                : new PickupDirectoryTransport(
                    PickupDirectory(settings.Value, configuration, environment),
                    logPaths: environment.IsDevelopment(),
                    services.GetRequiredService<ILogger<PickupDirectoryTransport>>());
        });
        builder.Services.AddSingleton<OutboxDelivery>();
        builder.Services.AddHostedService<OutboxSender>();
        builder.Services.AddScoped<SecurityNotices>();
        return builder;
    }

    // A relative folder is taken from the content root; the default lives in the data folder.
    public static string PickupDirectory(EmailSettings settings, IConfiguration configuration, IHostEnvironment environment) =>
        settings.PickupDirectory.Length > 0
            ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.PickupDirectory))
            : Path.Combine(configuration.DataDirectory(environment), EmailSettings.DefaultPickupFolder);
}
