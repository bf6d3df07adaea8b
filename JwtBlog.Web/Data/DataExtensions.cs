using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Data;

public static class DataExtensions
{
    public const string DefaultConnectionString = "Data Source=App_Data/jwtblog.db";
    public const string DataProtectionKeysFolder = "keys";

    public static WebApplicationBuilder AddAppData(this WebApplicationBuilder builder)
    {
        var connectionString = ResolveConnectionString(
            builder.Configuration.GetConnectionString("Default") ?? DefaultConnectionString,
            builder.Environment.ContentRootPath);
        builder.Services.AddDbContext<AppDbContext>(options => options.UseSqlite(connectionString));
        builder.Services.AddHostedService<ExpiredRowsCleanup>();
        builder.Services.AddSingleton<WriteGate>();
        return builder;
    }

    // The app's data folder: the SQLite file and the generated signing key live here, never in the repository.
    public static string DataDirectory(this IConfiguration configuration, IHostEnvironment environment) =>
        Path.Combine(environment.ContentRootPath, configuration["DataDirectory"] is { Length: > 0 } folder ? folder : "App_Data");

    // The first write to disk: the data folder and the database are created owner-only here, after the settings were
    // validated, never while the app is being configured (a refused start leaves nothing behind).
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var dataDirectory = services.GetRequiredService<IConfiguration>().DataDirectory(services.GetRequiredService<IHostEnvironment>());
        OwnerOnly.CreateDirectory(Path.Combine(dataDirectory, DataProtectionKeysFolder));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (DatabaseFile(db.Database.GetConnectionString()!) is { } file)
        {
            OwnerOnly.CreateDirectory(Path.GetDirectoryName(file)!);
            if (OwnerOnly.CreateFileIfMissing(file))
            {
                // What EF does when it creates the database itself: readers do not wait for the writer.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';", ct);
            }
        }

        await db.Database.MigrateAsync(ct);
    }

    // The database file of a connection string, or null for an in-memory database.
    internal static string? DatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            ? source
            : null;
    }

    // A relative SQLite path is taken from the content root, so the database does not depend on the shell's folder.
    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (DatabaseFile(connectionString) is { } source)
        {
            builder.DataSource = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(contentRoot, source));
        }

        // Writers queue behind SQLite's lock instead of failing with "database is locked".
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
