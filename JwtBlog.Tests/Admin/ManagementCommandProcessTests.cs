using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Admin;

// A few commands through the built JwtBlog.Web.dll, as an operator runs them: arguments, environment, stdin, exit code.
public sealed class ManagementCommandProcessTests : IDisposable
{
    private readonly CommandRunner _commands = new();

    [Fact]
    public async Task WrongArgumentsExitWith2AndCreateNoDatabase()
    {
        var result = await _commands.RunAsync($"{JwtBlogApp.Password}\n{JwtBlogApp.Password}\n", "createsuperuser", "--email");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: JwtBlog.Web <command> [options]", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_commands.DatabasePath));
    }

    [Fact]
    public async Task CreateSuperuserWithoutInputCreatesTheUserFromTheEnvironment()
    {
        var result = await _commands.RunAsync("", ["createsuperuser", "--no-input", "--email=ops@example.com"], ("JWTBLOG_SUPERUSER_PASSWORD", JwtBlogApp.Password));

        Assert.Equal((0, "Superuser created successfully."), (result.ExitCode, result.Stdout.Trim()));
        Assert.Equal(1, await _commands.CountAsync("SELECT COUNT(*) FROM Users WHERE Email = 'ops@example.com' AND IsSuperuser"));
    }

    [Fact]
    public async Task ChangePasswordReadsThePasswordTwiceFromStdin()
    {
        const string NewPassword = "Fresh-Heron-Pond-77";
        await using var app = _commands.AppOnTheDatabase();
        var user = await app.CreateUserAsync("writer@example.com");

        var result = await _commands.RunAsync($"{NewPassword}\n{NewPassword}\n", "changepassword", "--email", "writer@example.com");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Password: Password (again): Password changed successfully for user 'writer@example.com'", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, result.Stdout + result.Stderr, StringComparison.Ordinal);
        var signedIn = await app.SignInAsync(user, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/accounts/test/")).StatusCode);
    }

    public void Dispose() => _commands.Dispose();
}
