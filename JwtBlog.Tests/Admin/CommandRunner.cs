using System.Diagnostics;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Commands;
using Microsoft.Data.Sqlite;

namespace JwtBlog.Tests.Admin;

// Runs the built JwtBlog.Web.dll as a process (as `dotnet JwtBlog.Web.dll <command>` on a published app)
// against a temporary SQLite database, with the password lines on stdin.
internal sealed class CommandRunner : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("jwtblog-commands-").FullName;

    public string DatabasePath => Path.Combine(Folder, "commands.db");

    public Task<CommandResult> RunAsync(string input, params string[] args) => RunAsync(input, args, []);

    public async Task<CommandResult> RunAsync(string input, string[] args, params (string Name, string Value)[] environment)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={DatabasePath}";
        start.Environment["DataDirectory"] = Folder;
        start.Environment["Jwt__SigningKey"] = Api.TestSigningKey;
        start.Environment["Accounts__PasswordHashWorkFactor"] = "4";
        start.Environment.Remove(ManagementCommands.PasswordVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    // The app on this database, with no session cache, so that a revocation by a command process shows at once.
    // The command process runs on its own SQLite file; EF's compiled queries serve one provider per test process.
    public JwtBlogApp AppOnTheDatabase()
    {
        TestDatabase.SkipUnlessSqlite("the command process and this app share a SQLite file");
        return JwtBlogApp.With(
            ("ConnectionStrings:Default", $"Data Source={DatabasePath}"),
            ("Jwt:SessionCheckCacheDuration", "00:00:00"));
    }

    public Task<long> CountAsync(string sql) => SqliteFile.CountAsync(DatabasePath, sql);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr);
