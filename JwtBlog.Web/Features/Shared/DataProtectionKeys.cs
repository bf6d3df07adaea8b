using System.Security.Cryptography.X509Certificates;
using JwtBlog.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace JwtBlog.Web.Features.Shared;

public static class DataProtectionKeys
{
    // Antiforgery tokens must survive restarts: the keys are kept in the data folder, encrypted with a certificate
    // when one is configured. Without one they are plain XML that only the folder's owner-only mode protects.
    // On PostgreSQL they live in its DataProtectionKeys table instead, so every instance reads every other's tokens
    // and device cookies; SQLite means one machine, where the folder is the simpler store.
    public static WebApplicationBuilder AddDataProtectionKeys(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("JwtBlog");
        if (builder.Configuration.DatabaseProvider() == DatabaseProvider.Postgres)
        {
            dataProtection.PersistKeysToDbContext<PostgresAppDbContext>();
        }
        else
        {
            var folder = Path.Combine(builder.Configuration.DataDirectory(builder.Environment), DataExtensions.DataProtectionKeysFolder);
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(folder));
        }

        var settings = builder.Configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new();
        if (settings.CertificatePath.Length > 0)
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword));
        }
        else if (builder.Environment.IsProduction())
        {
            builder.Services.AddHostedService<UnprotectedKeysWarning>();
        }

        return builder;
    }

    private sealed class UnprotectedKeysWarning(IConfiguration configuration, IHostEnvironment environment, ILogger<UnprotectedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            DataProtectionLog.KeysNotEncrypted(logger, Path.Combine(configuration.DataDirectory(environment), DataExtensions.DataProtectionKeysFolder));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
