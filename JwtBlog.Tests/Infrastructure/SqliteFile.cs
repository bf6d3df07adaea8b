using System.Globalization;
using Microsoft.Data.Sqlite;

namespace JwtBlog.Tests.Infrastructure;

// Reads a database file from outside the app, for assertions on what was (or was not) written.
public static class SqliteFile
{
    public static async Task<long> CountAsync(string path, string sql) =>
        Convert.ToInt64(await ScalarAsync(path, sql), CultureInfo.InvariantCulture);

    public static async Task<string?> TextAsync(string path, string sql) => (string?)await ScalarAsync(path, sql);

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
