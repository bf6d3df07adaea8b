using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Commands;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

// Runs a management command inside a test app, as Program.cs does, with the input given and the output captured.
internal static class InProcessCommands
{
    public static Task<CommandResult> RunCommandAsync(this JwtBlogApp app, string input, params string[] args) =>
        app.RunCommandAsync(input, args, []);

    public static async Task<CommandResult> RunCommandAsync(
        this JwtBlogApp app, string input, string[] args, params (string Name, string Value)[] environment)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ManagementCommands.RunAsync(
            app.Services, args[0], args[1..], new StringReader(input), output, error,
            name => environment.Where(e => e.Name == name).Select(e => e.Value).FirstOrDefault());
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }

    // The app is started (so its database exists) and then the database file is removed, for the commands to find none.
    public static void RemoveDatabase(this JwtBlogApp app)
    {
        TestDatabase.SkipUnlessSqlite("the command tests remove and read the SQLite file from outside the app");
        _ = app.Services;
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(app.DataDirectory, Path.GetFileName(app.DatabasePath) + "*"))
        {
            File.Delete(file);
        }
    }

    public static Task RemoveUsersAsync(this JwtBlogApp app) => app.WithDbAsync(db => db.Users.ExecuteDeleteAsync());

    public static Task<long> CountAsync(this JwtBlogApp app, string sql)
    {
        TestDatabase.SkipUnlessSqlite("the command tests read the SQLite file from outside the app");
        return SqliteFile.CountAsync(app.DatabasePath, sql);
    }

    public static Task<string?> TextAsync(this JwtBlogApp app, string sql)
    {
        TestDatabase.SkipUnlessSqlite("the command tests read the SQLite file from outside the app");
        return SqliteFile.TextAsync(app.DatabasePath, sql);
    }
}
