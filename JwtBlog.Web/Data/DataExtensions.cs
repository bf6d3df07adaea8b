using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Data;

public static class DataExtensions
{
    public const string DefaultConnectionString = "Data Source=App_Data/jwtblog.db";

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

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
    }

    // A relative SQLite path is taken from the content root, so the database does not depend on the shell's folder.
    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(contentRoot, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        // Writers queue behind SQLite's lock instead of failing with "database is locked".
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
