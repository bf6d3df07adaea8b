using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// CONTRACT.md §5, with case-insensitive email, generic errors for inactive users, and per-account lockout.
public sealed class LoginTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Generic = "{\"non_field_errors\":[\"Unable to log in with provided credentials.\"]}";
    private readonly HttpClient _client = app.CreateBrowser();

    [Fact]
    public async Task GoodLoginAnswersTokensUserAndHardenedCookies()
    {
        var user = await app.CreateUserAsync();
        var response = await _client.Accounts().LoginAsync(user.Email);

        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(user.Id, body.GetProperty("user").GetProperty("pk").GetInt32());
        Assert.Equal("", body.GetProperty("refresh_token").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var access = response.SetCookie("my-app-auth")!;
        var refresh = response.SetCookie("my-refresh-token")!;
        Assert.Equal(body.GetProperty("access_token").GetString(), Api.CookieValue(access));
        foreach (var cookie in new[] { access, refresh })
        {
            Assert.Contains("httponly", cookie);
            Assert.Contains("samesite=lax", cookie);
            Assert.Contains("path=/", cookie);
            Assert.DoesNotContain("secure", cookie);
            Assert.DoesNotContain("domain", cookie);
        }

        // Not remembered: browser-session cookies, forgotten when the browser closes (SessionsTests has the remembered ones).
        Assert.DoesNotContain("max-age", access);
        Assert.DoesNotContain("max-age", refresh);
        Assert.DoesNotContain("expires", access);
        Assert.DoesNotContain("expires", refresh);
    }

    [Fact]
    public async Task TokensCarryTheOriginalsClaimsPlusIssuerAudienceAndSession()
    {
        var user = await app.CreateUserAsync();
        var response = await _client.Accounts().LoginAsync(user.Email);
        var access = Api.Claims((await response.JsonAsync(HttpStatusCode.OK)).GetProperty("access_token").GetString()!);
        var refresh = Api.Claims(Api.CookieValue(response.SetCookie("my-refresh-token")!));

        Assert.Equal("access", access["token_type"]);
        Assert.Equal("refresh", refresh["token_type"]);
        Assert.Equal(user.Id.ToString(), access["user_id"]);
        Assert.Equal("JwtBlog", access["iss"]);
        Assert.Equal("JwtBlog", access["aud"]);
        Assert.Matches("^[0-9a-f]{32}$", (string)access["jti"]);
        Assert.Equal(access["sid"], refresh["sid"]);
        Assert.Equal(3600, long.Parse((string)access["exp"]) - long.Parse((string)access["iat"]));
        Assert.Equal(86400, long.Parse((string)refresh["exp"]) - long.Parse((string)refresh["iat"]));
    }

    [Fact]
    public async Task HttpsRequestsGetSecureCookies()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var response = await client.Accounts().LoginAsync(user.Email);
        Assert.Contains("secure", response.SetCookie("my-app-auth")!);
        Assert.Contains("secure", response.SetCookie("my-refresh-token")!);
    }

    [Fact]
    public async Task EmailIsCaseInsensitive()
    {
        var user = await app.CreateUserAsync();
        var response = await _client.PostJsonAsync("/accounts/login", new { email = user.Email!.ToUpperInvariant(), password = JwtBlogApp.Password });
        await response.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongPasswordUnknownEmailAndInactiveUserGetTheSameAnswer()
    {
        var user = await app.CreateUserAsync();
        var inactive = await app.CreateUserAsync(active: false);
        var attempts = new object[]
        {
            new { email = user.Email, password = "wrong password!" },
            new { email = app.NewEmail("nobody"), password = JwtBlogApp.Password },
            new { email = inactive.Email, password = JwtBlogApp.Password },
            new { email = user.Email, password = JwtBlogApp.Password + " " },
        };
        foreach (var attempt in attempts)
        {
            var response = await _client.PostJsonAsync("/accounts/login/", attempt);
            Assert.Equal(Generic, await response.RawJsonAsync(HttpStatusCode.BadRequest));
            Assert.Empty(response.SetCookies());
        }
    }

    [Theory]
    [InlineData("{}", "{\"password\":[\"This field is required.\"]}")]
    [InlineData("{\"email\":\"a@example.com\"}", "{\"password\":[\"This field is required.\"]}")]
    [InlineData("{\"password\":\"x\"}", "{\"non_field_errors\":[\"Must include \\\"email\\\" and \\\"password\\\".\"]}")]
    [InlineData("{\"username\":\"a\",\"password\":\"x\"}", "{\"non_field_errors\":[\"Must include \\\"email\\\" and \\\"password\\\".\"]}")]
    [InlineData("{\"email\":\"nope\",\"password\":\"x\"}", "{\"email\":[\"Enter a valid email address.\"]}")]
    public async Task IncompleteRequestsAreRefusedAsTheOriginalDid(string json, string expected)
    {
        var response = await _client.PostRawAsync("/accounts/login/", json);
        Assert.Equal(expected, await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountEvenForTheRightPasswordAndOnlyThatAccount()
    {
        var victim = await app.CreateUserAsync();
        var bystander = await app.CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            var failed = await _client.Accounts().LoginAsync(victim.Email, "wrong password!");
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        var locked = await _client.Accounts().LoginAsync(victim.Email);
        var body = await locked.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many failed login attempts. Try again later.", body.GetProperty("detail").GetString());
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 15 * 60);
        Assert.Empty(locked.SetCookies());

        var other = await _client.Accounts().LoginAsync(bystander.Email);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterLock = await _client.Accounts().LoginAsync(victim.Email);
        Assert.Equal(HttpStatusCode.OK, afterLock.StatusCode);
    }

    [Fact]
    public async Task UnknownEmailsAreLockedLikeRealOnesSoLockoutRevealsNothing()
    {
        var email = app.NewEmail("ghost");
        for (var i = 0; i < 5; i++)
        {
            await _client.Accounts().LoginAsync(email, "wrong password!");
        }

        var response = await _client.Accounts().LoginAsync(email, "wrong password!");
        await response.JsonAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task FailuresSpreadBeyondTheWindowDoNotLock()
    {
        var user = await app.CreateUserAsync();
        for (var i = 0; i < 8; i++)
        {
            await _client.Accounts().LoginAsync(user.Email, "wrong password!");
            app.Clock.Advance(TimeSpan.FromMinutes(4));
        }

        var response = await _client.Accounts().LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ParallelGuessesCannotExceedTheLimit()
    {
        var user = await app.CreateUserAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            app.CreateClient().Accounts().LoginAsync(user.Email, "wrong password!")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task SuccessfulLoginRecordsLastLoginAndStartsASession()
    {
        var user = await app.CreateUserAsync();
        await _client.Accounts().LoginAsync(user.Email);
        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, stored.LastLogin!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == user.Id)));
    }
}

public sealed class LoginRateLimitTests : IDisposable
{
    private readonly JwtBlogApp _app = JwtBlogApp.With(("RateLimiting:AuthRequestsPerMinutePerIp", "3"));

    [Fact]
    public async Task OneClientGetsAFewLoginsAndRegistrationsAMinuteThen429()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.Accounts().LoginAsync(_app.NewEmail(), "whatever it is");
            Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        }

        var limited = await client.Accounts().RegisterAsync(_app.NewEmail(), "correct horse battery");
        Assert.Equal("{\"detail\":\"Too many requests. Try again later.\"}", await limited.RawJsonAsync(HttpStatusCode.TooManyRequests));
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}

public sealed class HashQueueTests : IDisposable
{
    private readonly JwtBlogApp _app = JwtBlogApp.With(("Accounts:MaxQueuedPasswordHashes", "1"));

    [Fact]
    public async Task AFloodBeyondTheHashQueueIsRefusedWith503AndRetryAfter()
    {
        var hashing = _app.Services.GetRequiredService<PasswordHashing>();
        using var release = new ManualResetEventSlim();
        var holds = new List<Task<bool>>();
        HttpResponseMessage[] responses;
        try
        {
            // Every hashing thread is held, whatever the core count, so that the one queue place fills and stays full.
            for (var i = 0; i < hashing.WorkerCount; i++)
            {
                var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                holds.Add(hashing.RunOnHashingThreadAsync(
                    () =>
                    {
                        running.SetResult();
                        return release.Wait(TimeSpan.FromMinutes(1));
                    },
                    CancellationToken.None));
                await running.Task;
            }

            var flood = Enumerable.Range(0, 12)
                .Select(_ => _app.CreateClient().Accounts().LoginAsync(_app.NewEmail("flood"), "whatever it is"))
                .ToList();

            // While the threads are held only a refused login can answer; after the first one, the rest may run.
            await await Task.WhenAny(flood);
            release.Set();
            responses = await Task.WhenAll(flood);
        }
        finally
        {
            release.Set();
        }

        Assert.All(await Task.WhenAll(holds), Assert.True);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.ServiceUnavailable }));
        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(busy);
        Assert.Equal("5", busy[0].Headers.GetValues("Retry-After").Single());
        Assert.Equal("{\"detail\":\"The server is busy. Try again in a few seconds.\"}", await busy[0].RawJsonAsync(HttpStatusCode.ServiceUnavailable));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.BadRequest);
    }

    public void Dispose() => _app.Dispose();
}
