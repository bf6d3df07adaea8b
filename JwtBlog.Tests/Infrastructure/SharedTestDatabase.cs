namespace JwtBlog.Tests.Infrastructure;

// One database for several app instances in a test (a restart, two instances racing): a SQLite file at the given
// path, or on PostgreSQL (TestDatabase) a database of its own, dropped when this is disposed.
public sealed class SharedTestDatabase(string sqlitePath) : IDisposable
{
    private readonly string? _postgresDatabase = TestDatabase.IsPostgres ? TestDatabase.NewPostgresDatabaseName() : null;

    // For JwtBlogApp.With: every app given it opens the same database.
    public (string Key, string? Value) Setting => ("ConnectionStrings:Default",
        _postgresDatabase is { } database ? TestDatabase.PostgresConnectionString(database) : $"Data Source={sqlitePath}");

    public void Dispose()
    {
        if (_postgresDatabase is { } database)
        {
            TestDatabase.DropPostgresDatabase(database);
        }
    }
}
