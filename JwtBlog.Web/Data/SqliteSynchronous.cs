using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace JwtBlog.Web.Data;

// SQLite's synchronous setting for every connection the app opens (it belongs to the connection, not the file). In WAL
// mode, NORMAL writes each commit into the WAL file before the commit returns, so a commit survives the process being
// killed (kill -9, a crash); the file is synced at checkpoints only, so a power loss can undo the last commits (never
// corrupt the database). FULL also syncs the WAL at every commit: one disk flush (milliseconds here) per commit, and it
// is the default, because nothing answered may be lost, even to a power loss.
// Applied once per native connection: pooled connections keep it, and a reopened one costs one table lookup.
public sealed class SqliteSynchronous(string setting) : DbConnectionInterceptor
{
    public const string ConfigurationKey = "Database:SqliteSynchronous";
    public const string Normal = "Normal";
    public const string Full = "Full";

    private static readonly object _marker = new();
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];
    private readonly string _pragma = $"PRAGMA synchronous = {setting.ToUpperInvariant()};";

    public static SqliteSynchronous FromConfiguration(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey] is { Length: > 0 } value ? value : Full;
        return configured.ToUpperInvariant() switch
        {
            "NORMAL" => new SqliteSynchronous(Normal),
            "FULL" => new SqliteSynchronous(Full),
            _ => throw new InvalidOperationException(
                $"{ConfigurationKey} is \"{configured}\", which this app does not support. Supported: \"{Normal}\", \"{Full}\"."),
        };
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, _marker);
    }
}
