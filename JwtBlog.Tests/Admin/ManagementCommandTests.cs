using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Admin;

// The commands run in process against a test app's services (ManagementCommandProcessTests runs the built app);
// one class per command so that they run in parallel, each on one app whose database a test may remove or empty.
public sealed class MigrateCommandTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    // Space-separated arguments.
    public static readonly TheoryData<string> WrongArguments =
    [
        "frobnicate",
        "createsuperuser",
        "createsuperuser --email",
        "createsuperuser --email a@example.com --bogus",
        "createsuperuser --email a@example.com --email b@example.com",
        "changepassword",
        "changepassword --email a@example.com --no-input",
        "migrate --email a@example.com",
        "migrate now",
    ];

    [Fact]
    public async Task MigrateCreatesTheDatabaseAndCanRunAgain()
    {
        app.RemoveDatabase();

        var first = await app.RunCommandAsync("", "migrate");
        var second = await app.RunCommandAsync("", "migrate");

        Assert.Equal((0, "Migrations applied."), (first.ExitCode, first.Stdout.Trim()));
        Assert.Equal(0, second.ExitCode);
        Assert.True(await app.CountAsync("SELECT COUNT(*) FROM __EFMigrationsHistory") > 0);
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM Users"));
    }

    [Theory]
    [MemberData(nameof(WrongArguments))]
    public async Task WrongArgumentsPrintTheUsageAndTouchNothing(string args)
    {
        app.RemoveDatabase();

        var result = await app.RunCommandAsync($"{JwtBlogApp.Password}\n{JwtBlogApp.Password}\n", args.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: JwtBlog.Web <command> [options]", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(app.DatabasePath));
    }

    [Fact]
    public async Task ADatabaseThatCannotBeOpenedIsOneErrorLineNotAStackTrace()
    {
        app.RemoveDatabase();
        Directory.CreateDirectory(app.DatabasePath);

        var result = await app.RunCommandAsync("", "migrate");
        Directory.Delete(app.DatabasePath);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}

public sealed class CreateSuperuserCommandTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>, IAsyncLifetime
{
    private const string Password = JwtBlogApp.Password;

    // Every test starts with no users.
    public async ValueTask InitializeAsync() => await app.RemoveUsersAsync();

    [Fact]
    public async Task CreateSuperuserAsksForThePasswordTwiceAndTheSuperuserCanUseTheAdmin()
    {
        var result = await app.RunCommandAsync($"{Password}\n{Password}\n", "createsuperuser", "--email", "Boss@Example.COM");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Password: Password (again): Superuser created successfully.", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM Users WHERE Email = 'Boss@example.com' AND IsStaff AND IsSuperuser AND IsActive"));

        // The new superuser signs in with the password and is asked to enrol a second factor on the first admin visit.
        var signedIn = await app.SignInAsync(new() { Email = "Boss@example.com" }, Password);
        var firstVisit = await signedIn.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, firstVisit.StatusCode);
        Assert.Equal("/account/two-factor?returnUrl=%2Fadmin", firstVisit.RedirectTarget());
        var setup = await signedIn.Client.PostAsync("/accounts/mfa/totp/setup/", null);
        var secret = (await setup.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["secret"]!.GetValue<string>();
        var activated = await signedIn.Client.PostAsJsonAsync("/accounts/mfa/totp/activate/", new { code = TotpCodes.At(secret, app.Clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task CreateSuperuserWithoutInputTakesThePasswordFromTheEnvironment()
    {
        var missing = await app.RunCommandAsync("", ["createsuperuser", "--no-input", "--email=ops@example.com"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("JWTBLOG_SUPERUSER_PASSWORD", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM Users"));

        var result = await app.RunCommandAsync("", ["createsuperuser", "--no-input", "--email=ops@example.com"], ("JWTBLOG_SUPERUSER_PASSWORD", Password));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM Users WHERE Email = 'ops@example.com' AND IsSuperuser"));
    }

    [Theory]
    [InlineData("Vivid-Otter-Lamp-42\nVivid-Otter-Lamp-43\n", "boss@example.com", "Error: Your passwords didn't match.")]
    [InlineData("password\npassword\n", "boss@example.com", "This password is too common.")]
    [InlineData("boss.example\nboss.example\n", "boss.example@example.com", "The password is too similar to the email address.")]
    [InlineData("Vivid-Otter-Lamp-42\n", "boss@example.com", "Operation cancelled.")]
    [InlineData("Vivid-Otter-Lamp-42\nVivid-Otter-Lamp-42\n", "not-an-email", "Error: Enter a valid email address.")]
    public async Task CreateSuperuserRefusesBadInputAndWritesNoUser(string input, string email, string error)
    {
        var result = await app.RunCommandAsync(input, "createsuperuser", "--email", email);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(error, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("created", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM Users"));
    }

    [Fact]
    public async Task CreateSuperuserRefusesAnEmailThatIsTakenInAnyLetterCase()
    {
        Assert.Equal(0, (await app.RunCommandAsync($"{Password}\n{Password}\n", "createsuperuser", "--email", "boss@example.com")).ExitCode);

        var result = await app.RunCommandAsync($"{Password}\n{Password}\n", "createsuperuser", "--email", "BOSS@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("That email is already taken.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM Users"));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class ChangePasswordCommandTests(ChangePasswordCommandTests.AppWithoutSessionCache app)
    : IClassFixture<ChangePasswordCommandTests.AppWithoutSessionCache>, IAsyncLifetime
{
    private const string NewPassword = "Fresh-Heron-Pond-77";

    // Every test starts with no users.
    public async ValueTask InitializeAsync() => await app.RemoveUsersAsync();

    [Fact]
    public async Task ChangePasswordSetsTheNewPasswordAndEndsTheUsersSessions()
    {
        var user = await app.CreateUserAsync("writer@example.com");
        var session = await app.SignInAsync(user);

        var result = await app.RunCommandAsync($"{NewPassword}\n{NewPassword}\n", "changepassword", "--email", "WRITER@example.com");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Changing password for user 'writer@example.com'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Password changed successfully for user 'writer@example.com'", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.Accounts().RefreshAsync()).StatusCode);
        var oldLogin = await app.CreateAccountsApi().LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.BadRequest, oldLogin.StatusCode);
        await app.SignInAsync(user, NewPassword);
    }

    [Theory]
    [InlineData("Fresh-Heron-Pond-77\nFresh-Heron-Pond-78\n", "Error: Passwords do not match.")]
    [InlineData("12345678\n12345678\n", "This password is entirely numeric.")]
    [InlineData("", "Operation cancelled.")]
    public async Task ChangePasswordRefusesBadInputAndChangesNothing(string input, string error)
    {
        var user = await app.CreateUserAsync("writer@example.com");
        var session = await app.SignInAsync(user);
        var hash = await app.TextAsync("SELECT PasswordHash FROM Users");

        var result = await app.RunCommandAsync(input, "changepassword", "--email", "writer@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(error, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(hash, await app.TextAsync("SELECT PasswordHash FROM Users"));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/accounts/test/")).StatusCode);
    }

    [Fact]
    public async Task ChangePasswordForAnUnknownUserFails()
    {
        var result = await app.RunCommandAsync($"{NewPassword}\n{NewPassword}\n", "changepassword", "--email", "nobody@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: user 'nobody@example.com' does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Password:", result.Stdout, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // No session cache, as for a command run by another process: a revocation shows at once.
    public sealed class AppWithoutSessionCache() : JwtBlogApp(new() { ["Jwt:SessionCheckCacheDuration"] = "00:00:00" });
}
