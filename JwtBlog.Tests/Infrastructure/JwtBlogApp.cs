using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure.Pages;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace JwtBlog.Tests.Infrastructure;

// The real app on a real SQLite file in a temporary folder (or a fresh PostgreSQL database, see TestDatabase), with a
// clock the tests can move.
public class JwtBlogApp : WebApplicationFactory<Program>
{
    public const string Password = "Vivid-Otter-Lamp-42";

    private readonly Dictionary<string, string?> _settings;
    private int _userCounter;

    public JwtBlogApp() : this([])
    {
    }

    protected JwtBlogApp(Dictionary<string, string?> settings)
    {
        _settings = settings;
        DataDirectory = Directory.CreateTempSubdirectory("jwtblog-tests-").FullName;
        DatabasePath = Path.Combine(DataDirectory, "jwtblog.db");
        PostgresDatabase = TestDatabase.IsPostgres ? TestDatabase.NewPostgresDatabaseName() : null;
        SecondFactors = new TestSecondFactors(this);
    }

    // A whole second: PostgreSQL keeps microseconds, so a time read back must equal the time written.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public string DataDirectory { get; }

    public CapturedLogs Logs { get; } = new();

    // Texts asked for by a page or endpoint that their resource file lacks (see MissingTexts).
    public MissingTexts MissingTexts { get; } = new();

    public TestSecondFactors SecondFactors { get; }

    public string DatabasePath { get; }

    // The database's name when the tests run on PostgreSQL, else null.
    public string? PostgresDatabase { get; }

    public TestOutbox Outbox => new(this);

    // A JwtBlogApp with extra configuration, for tests that need other settings.
    public static JwtBlogApp With(params (string Key, string? Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => s.Value));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (PostgresDatabase is { } database)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", TestDatabase.PostgresConnectionString(database));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        }

        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Jwt:SigningKey", "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz");
        builder.UseSetting("Accounts:PasswordHashWorkFactor", "4");
        builder.UseSetting("RateLimiting:AuthRequestsPerMinutePerIp", "100000");
        builder.UseSetting("RateLimiting:PasswordHashesPerMinute", "100000");
        builder.UseSetting("RateLimiting:PostsPerMinutePerUser", "100000");
        builder.UseSetting("RateLimiting:PostsPerDayPerUser", "100000");
        builder.UseSetting("RateLimiting:EmailRequestsPerHourPerIp", "100000");
        builder.UseSetting("Accounts:EmailsPerAddressPerHour", "1000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IStringLocalizerFactory>();
            services.AddSingleton<CachedStringLocalizerFactory>();
            services.AddSingleton(provider => MissingTexts.Wrap(provider.GetRequiredService<CachedStringLocalizerFactory>()));
        });
    }

    public string NewEmail(string prefix = "user") =>
        $"{prefix}{Interlocked.Increment(ref _userCounter)}-{Guid.NewGuid():N}@example.com";

    public async Task<AppUser> CreateUserAsync(
        string? email = null, string password = Password, bool staff = false, bool superuser = false, bool active = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var user = new AppUser { Email = email ?? NewEmail(), IsStaff = staff, IsSuperuser = superuser, IsActive = active };
        Assert.True(await accounts.CreateAsync(user, password, CancellationToken.None));
        return user;
    }

    // Many users at once, straight into the database with one shared password hash, for the list and paging tests.
    public async Task InsertUsersAsync(IReadOnlyCollection<AppUser> users)
    {
        await using var scope = Services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var hash = userManager.PasswordHasher.HashPassword(users.First(), Password);
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var user in users)
        {
            user.UserName = user.Email;
            user.NormalizedEmail = userManager.NormalizeEmail(user.Email);
            user.NormalizedUserName = userManager.NormalizeName(user.UserName);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.PasswordHash = hash;
            user.IsStaff |= user.IsSuperuser;
            user.DateJoined = user.DateJoined == default ? now : user.DateJoined;
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDbAsync(Func<AppDbContext, Task> action) => WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    // Makes the database unreachable from now on: the file's place is taken by a folder that SQLite cannot open
    // (on PostgreSQL the database is dropped).
    public void BreakDatabase()
    {
        _ = Services;
        if (PostgresDatabase is { } database)
        {
            TestDatabase.DropPostgresDatabase(database);
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(DataDirectory, Path.GetFileName(DatabasePath) + "*"))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(DatabasePath);
    }

    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    // The /accounts API through a fresh browser-like client (cookies kept, redirects not followed).
    public AccountsApi CreateAccountsApi() => new(CreateBrowser());

    // A browser-like client that is signed in through the API (cookies set) and knows the page's CSRF token.
    // Staff must sign in with a second factor: their first sign-in here enrols an authenticator app, and every one
    // finishes the two-step login with a recovery code.
    public async Task<SignedInClient> SignInAsync(AppUser? user = null, string password = Password)
    {
        user ??= await CreateUserAsync();
        var enrolment = SecondFactors.Find(user) ?? (user.IsStaff ? await SecondFactors.EnrolAsync(user) : null);
        var client = CreateBrowser();
        var response = await new AccountsApi(client).LoginAsync(user.Email, password);
        response.EnsureSuccessStatusCode();
        if (enrolment is not null)
        {
            var challenge = await response.Content.ReadFromJsonAsync<MfaChallengeBody>();
            response = await client.PostAsJsonAsync(AccountsApi.LoginMfa, new { challenge!.mfa_token, code = enrolment.NextRecoveryCode() });
            response.EnsureSuccessStatusCode();
        }

        var body = await response.Content.ReadFromJsonAsync<LoginBody>();
        var csrf = await CsrfTokenAsync(client);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf);
        return new SignedInClient(client, user, body!.access_token, csrf);
    }

    // The token from <meta name="csrf-token"> of a page, as the page scripts read it.
    public static async Task<string> CsrfTokenAsync(HttpClient client)
    {
        var document = (await LoginPage.OpenAsync(client)).Document;
        var meta = document.QuerySelector("meta[name=csrf-token]") as IHtmlMetaElement;
        Assert.False(string.IsNullOrEmpty(meta?.Content));
        return meta!.Content!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresDatabase is { } database)
        {
            TestDatabase.DropPostgresDatabase(database);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the temp folder is cleaned by the OS later.
        }
    }

    private sealed record LoginBody(string access_token);

    private sealed record MfaChallengeBody(string mfa_token);
}

public sealed record SignedInClient(HttpClient Client, AppUser User, string AccessToken, string CsrfToken);
