using System.Globalization;
using Npgsql;

namespace JwtBlog.Tests.Infrastructure;

// Which database the tests' apps run on. JWTBLOG_TEST_DATABASE=postgres with JWTBLOG_TEST_POSTGRES (a connection
// string without a database, e.g. "Host=127.0.0.1;Port=5432;Username=postgres") gives every app instance a fresh
// PostgreSQL database, dropped when the app is disposed. Anything else: a SQLite file in a temporary folder.
public static class TestDatabase
{
    public const string SwitchVariable = "JWTBLOG_TEST_DATABASE";
    public const string PostgresVariable = "JWTBLOG_TEST_POSTGRES";

    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(SwitchVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"{SwitchVariable}=postgres needs {PostgresVariable} (Host=...;Port=...;Username=...;Password=...).");

    public static string NewPostgresDatabaseName() =>
        string.Create(CultureInfo.InvariantCulture, $"jwtblog_test_{Guid.NewGuid():N}");

    public static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;

    // Ends every connection to the database and drops it; missing is fine.
    public static void DropPostgresDatabase(string database)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    // For a test that checks something only a SQLite file has (its bytes, its mode, WAL, the write gate).
    public static void SkipUnlessSqlite(string what) =>
        Assert.SkipWhen(IsPostgres, $"SQLite only: {what}. The tests run on PostgreSQL ({SwitchVariable}=postgres).");
}
