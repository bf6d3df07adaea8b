using JwtBlog.Web.Features.Admin;
using JwtBlog.Web.Features.Blog;
using JwtBlog.Web.Features.Email;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Data;

public static class DataExtensions
{
    public const string DefaultConnectionString = "Data Source=App_Data/jwtblog.db";
    public const string ProviderKey = "Database:Provider";
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";
    public const string DataProtectionKeysFolder = "keys";

    public static WebApplicationBuilder AddAppData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.DatabaseProvider();
        var configureProvider = ChooseProvider(builder.Configuration, builder.Environment);

        // The factory serves singletons and background work; AppDbContext itself stays resolvable per scope.
        builder.Services.AddSingleton<AdminChangeLogging>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitSignal>();
        builder.Services.AddSingleton<FeedCache>();
        builder.Services.AddSingleton<FeedWriteWatcher>();
        builder.Services.AddSingleton(SqliteSynchronous.FromConfiguration(builder.Configuration));
        if (provider == Data.DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextFactory<PostgresAppDbContext>((services, options) => ConfigureContext(services, options, configureProvider));
            builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, PostgresContextFactory>();
            builder.Services.AddScoped<AppDbContext>(services => services.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            builder.Services.AddDbContextFactory<AppDbContext>((services, options) => ConfigureContext(services, options, configureProvider));
        }

        builder.Services.AddSingleton(new DatabaseKind(provider));
        builder.Services.AddHostedService<ExpiredRowsCleanup>();
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddSingleton<WriteBatcher>();
        return builder;
    }

    public static DatabaseProvider DatabaseProvider(this IConfiguration configuration)
    {
        var configured = configuration[ProviderKey] is { Length: > 0 } value ? value : SqliteProvider;
        return configured.ToUpperInvariant() switch
        {
            "SQLITE" => Data.DatabaseProvider.Sqlite,
            "POSTGRES" => Data.DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"{ProviderKey} is \"{configured}\", which this app does not support. Supported: \"{SqliteProvider}\", \"{PostgresProvider}\"."),
        };
    }

    // The one place that names the database provider; another provider is a case here plus its migrations set.
    internal static Action<DbContextOptionsBuilder> ChooseProvider(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.DatabaseProvider() == Data.DatabaseProvider.Postgres)
        {
            var postgres = configuration.GetConnectionString("Default") is { Length: > 0 } configured && !configured.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
                ? configured
                : throw new InvalidOperationException(
                    $"{ProviderKey} is \"{PostgresProvider}\": set ConnectionStrings:Default to a PostgreSQL connection string (Host=...;Database=...;Username=...).");
            return options => options.UseNpgsql(postgres);
        }

        var connectionString = ResolveConnectionString(
            configuration.GetConnectionString("Default") ?? DefaultConnectionString,
            environment.ContentRootPath);
        return options => options.UseSqlite(connectionString);
    }

    private static void ConfigureContext(IServiceProvider services, DbContextOptionsBuilder options, Action<DbContextOptionsBuilder> configureProvider)
    {
        configureProvider(options);
        options.AddInterceptors(
            services.GetRequiredService<AdminChangeLogging>(),
            services.GetRequiredService<OutboxCommitSignal>(),
            services.GetRequiredService<FeedWriteWatcher>());
        if (services.GetRequiredService<DatabaseKind>().IsSqlite)
        {
            options.AddInterceptors(services.GetRequiredService<SqliteSynchronous>());
        }
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
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        if (db.Database.IsSqlite() && DatabaseFile(db.Database.GetConnectionString()!) is { } file)
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
