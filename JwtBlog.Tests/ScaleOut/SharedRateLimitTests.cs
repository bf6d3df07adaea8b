using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using StackExchange.Redis;

namespace JwtBlog.Tests.ScaleOut;

// Two app instances on one database with Redis between them count one set of rate limits: N/2 requests through A and
// N/2 through B use up a limit of N. Each test has its own key prefix (RateLimiting:RedisKeyPrefix), so no test sees
// another's counts. Without Redis (JWTBLOG_TEST_REDIS) these skip; JWTBLOG_REQUIRE_SCALEOUT=1 makes that a failure.
public sealed class SharedRateLimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jwtblog-limits-").FullName;
    private readonly SharedTestDatabase _database;
    private readonly string _keyPrefix = $"jwtblog:rl:test-{Guid.NewGuid():N}:";

    public SharedRateLimitTests() => _database = new SharedTestDatabase(Path.Combine(_folder, "shared.db"));

    [Fact]
    public async Task ThePerClientLoginLimitCountsAcrossBothInstances()
    {
        var redis = RedisOrSkip();
        using var a = Instance(redis, ("RateLimiting:AuthRequestsPerMinutePerIp", "4"));
        using var b = Instance(redis, ("RateLimiting:AuthRequestsPerMinutePerIp", "4"));
        const string client = "198.51.100.20";
        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            [
                (await FailedLoginAsync(a, client)).StatusCode,
                (await FailedLoginAsync(b, client)).StatusCode,
                (await FailedLoginAsync(a, client)).StatusCode,
                (await FailedLoginAsync(b, client)).StatusCode,
            ]);

        AssertRefusedWithRetryAfter(await FailedLoginAsync(a, client), 60);
        AssertRefusedWithRetryAfter(await FailedLoginAsync(b, client), 60);
        Assert.Equal(HttpStatusCode.BadRequest, (await FailedLoginAsync(b, "198.51.100.21")).StatusCode);
    }

    [Fact]
    public async Task ThePerUserPostLimitCountsAcrossBothInstances()
    {
        var redis = RedisOrSkip();
        using var a = Instance(redis, ("RateLimiting:PostsPerMinutePerUser", "2"));
        using var b = Instance(redis, ("RateLimiting:PostsPerMinutePerUser", "2"));
        var user = await a.CreateUserAsync();
        var onA = await a.SignInAsync(user);
        var onB = await b.SignInAsync(user);

        Assert.Equal(HttpStatusCode.Created, (await onA.Client.PostAsJsonAsync("/blog/", new { title = "One", content = "Through A" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await onB.Client.PostAsJsonAsync("/blog/", new { title = "Two", content = "Through B" })).StatusCode);

        AssertRefusedWithRetryAfter(await onA.Client.PostAsJsonAsync("/blog/", new { title = "Three", content = "Through A" }), 60);
        AssertRefusedWithRetryAfter(await onB.Client.PostAsJsonAsync("/blog/", new { title = "Three", content = "Through B" }), 60);
        var other = await b.SignInAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.Client.PostAsJsonAsync("/blog/", new { title = "Other", content = "Another user" })).StatusCode);
    }

    [Fact]
    public async Task ThePerSessionRefreshLimitCountsAcrossBothInstances()
    {
        var redis = RedisOrSkip();
        using var a = Instance(redis, ("RateLimiting:RefreshesPerMinutePerSession", "2"));
        using var b = Instance(redis, ("RateLimiting:RefreshesPerMinutePerSession", "2"));
        var user = await a.CreateUserAsync();
        var login = await a.CreateBrowser().Accounts().LoginAsync(user.Email);
        var refresh = Api.CookieValue(login.SetCookie("my-refresh-token")!);

        var first = await RefreshAsync(a, refresh);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await RefreshAsync(b, Api.CookieValue(first.SetCookie("my-refresh-token")!));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var successor = Api.CookieValue(second.SetCookie("my-refresh-token")!);

        AssertRefusedWithRetryAfter(await RefreshAsync(a, successor), 60);
        AssertRefusedWithRetryAfter(await RefreshAsync(b, successor), 60);
    }

    [Fact]
    public async Task ThePerClientEmailLimitCountsAcrossBothInstances()
    {
        var redis = RedisOrSkip();
        using var a = Instance(redis, ("RateLimiting:EmailRequestsPerHourPerIp", "2"));
        using var b = Instance(redis, ("RateLimiting:EmailRequestsPerHourPerIp", "2"));
        const string client = "2001:db8:77:1::5";

        Assert.Equal(HttpStatusCode.OK, (await PasswordResetAsync(a, client, a.NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PasswordResetAsync(b, "2001:db8:77:1::6", b.NewEmail())).StatusCode);

        AssertRefusedWithRetryAfter(await PasswordResetAsync(a, client, a.NewEmail()), 3600);
        AssertRefusedWithRetryAfter(await PasswordResetAsync(b, client, b.NewEmail()), 3600);
    }

    [Fact]
    public async Task ThePerAddressEmailLimitCountsAcrossBothInstancesWithTheAddressHashed()
    {
        var redis = RedisOrSkip();
        using var a = Instance(redis, ("Accounts:EmailsPerAddressPerHour", "2"));
        using var b = Instance(redis, ("Accounts:EmailsPerAddressPerHour", "2"));
        var email = a.NewEmail();

        Assert.Equal(HttpStatusCode.OK, (await PasswordResetAsync(a, "198.51.100.30", email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PasswordResetAsync(b, "198.51.100.31", email)).StatusCode);

        AssertRefusedWithRetryAfter(await PasswordResetAsync(a, "198.51.100.32", email), 3600);
        AssertRefusedWithRetryAfter(await PasswordResetAsync(b, "198.51.100.33", email), 3600);
        var keys = await KeysAsync(redis);
        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheVerificationResendCooldownHoldsAcrossBothInstances()
    {
        var redis = RedisOrSkip();
        using var a = Instance(redis, ("Accounts:VerificationEmailCooldown", "00:03:00"));
        using var b = Instance(redis, ("Accounts:VerificationEmailCooldown", "00:03:00"));
        var email = a.NewEmail();

        Assert.Equal(HttpStatusCode.OK, (await SendFromAsync(a, "198.51.100.50", "/accounts/join/resend-email/", new { email })).StatusCode);

        AssertRefusedWithRetryAfter(await SendFromAsync(b, "198.51.100.51", "/accounts/join/resend-email/", new { email }), 180);
    }

    [Fact]
    public async Task WhenRedisGoesDownRequestsAreStillAnsweredAndCountedOnTheInstance()
    {
        var redis = RedisOrSkip();
        using var relay = new TcpRelay(redis);
        using var app = PeerAddressApp.With(
            _database.Setting, ("Redis:Configuration", relay.Address), ("RateLimiting:RedisKeyPrefix", _keyPrefix),
            ("RateLimiting:AuthRequestsPerMinutePerIp", "2"), ("RateLimiting:RedisTimeout", "00:00:00.2"));
        const string client = "198.51.100.40";
        Assert.Equal(HttpStatusCode.BadRequest, (await FailedLoginAsync(app, client)).StatusCode);
        Assert.Equal(["1"], (await ValuesAsync(redis)).Select(v => v.ToString()));

        relay.Stop();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await FailedLoginAsync(app, client)).StatusCode);
        }

        // The instance's own limiter takes over with a fresh count of 2: availability over strictness.
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(["1"], (await ValuesAsync(redis)).Select(v => v.ToString()));
        Assert.Single(app.Logs.Events, e => e.Id == 10004);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static void AssertRefusedWithRetryAfter(HttpResponseMessage response, int windowSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, windowSeconds);
    }

    private static string RedisOrSkip()
    {
        var redis = Environment.GetEnvironmentVariable("JWTBLOG_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            const string reason = "No Redis: set JWTBLOG_TEST_REDIS (e.g. 127.0.0.1:6379; .ci/services.sh starts one).";
            Assert.False(Environment.GetEnvironmentVariable("JWTBLOG_REQUIRE_SCALEOUT") == "1", reason + " JWTBLOG_REQUIRE_SCALEOUT=1 makes this a failure.");
            Assert.Skip(reason);
        }

        return redis;
    }

    private static Task<HttpResponseMessage> FailedLoginAsync(JwtBlogApp app, string peer) =>
        SendFromAsync(app, peer, "/accounts/login/", new { email = app.NewEmail(), password = "not the password" });

    private static Task<HttpResponseMessage> PasswordResetAsync(JwtBlogApp app, string peer, string email) =>
        SendFromAsync(app, peer, "/accounts/password/reset/", new { email });

    private static Task<HttpResponseMessage> SendFromAsync(JwtBlogApp app, string peer, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(PeerAddressApp.PeerHeader, peer);
        return app.CreateClient().SendAsync(request);
    }

    private static Task<HttpResponseMessage> RefreshAsync(JwtBlogApp app, string refresh)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, AccountsApi.Refresh);
        request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        return app.CreateClient().SendAsync(request);
    }

    private PeerAddressApp Instance(string redis, (string Key, string? Value) setting) => PeerAddressApp.With(
        _database.Setting, ("Redis:Configuration", redis), ("RateLimiting:RedisKeyPrefix", _keyPrefix), setting);

    // This test's keys in Redis.
    private async Task<List<string>> KeysAsync(string redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var server = connection.GetServer(connection.GetEndPoints().Single());
        return [.. server.Keys(pattern: _keyPrefix + "*").Select(k => k.ToString())];
    }

    // The counts under this test's keys.
    private async Task<List<RedisValue>> ValuesAsync(string redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var keys = await KeysAsync(redis);
        return [.. await Task.WhenAll(keys.Select(k => connection.GetDatabase().StringGetAsync(k)))];
    }
}
