using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// Sessions and refresh rows stay bounded, and a refresh token replayed in the grace window helps only its own client.
public sealed class SessionLimitsTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    private static async Task<(HttpClient Client, string Refresh, string Access)> LoginAsync(JwtBlogApp on, string email)
    {
        var client = on.CreateBrowser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Firefox);
        var response = await client.PostJsonAsync("/accounts/login/", new { email, password = JwtBlogApp.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (client, Api.CookieValue(response.SetCookie("my-refresh-token")!), Api.CookieValue(response.SetCookie("my-app-auth")!));
    }

    private static Task<HttpResponseMessage> PageWithRefreshCookieAsync(JwtBlogApp on, string refresh)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        request.Headers.UserAgent.ParseAdd(Firefox);
        return on.CreateBrowser().SendAsync(request);
    }

    private static Task<HttpResponseMessage> RefreshAsync(JwtBlogApp on, string refresh, string? userAgent = Firefox)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/");
        request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        if (userAgent is not null)
        {
            request.Headers.UserAgent.ParseAdd(userAgent);
        }

        return on.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task ALoginBeyondTheSessionCapEndsTheOldestSessionAtOnce()
    {
        await using var capped = JwtBlogApp.With(("Accounts:MaxSessionsPerUser", "3"));
        var user = await capped.CreateUserAsync();
        var sessions = new List<(HttpClient Client, string Refresh, string Access)>();
        for (var i = 0; i < 4; i++)
        {
            sessions.Add(await LoginAsync(capped, user.Email!));
            capped.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var oldest = sessions[0];
        Assert.Equal(HttpStatusCode.Unauthorized, (await capped.CreateClient().GetWithBearerAsync("/accounts/test/", oldest.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(capped, oldest.Refresh)).StatusCode);
        foreach (var (client, _, _) in sessions.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts/test/")).StatusCode);
        }

        var live = await capped.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == user.Id && s.RevokedAt == null));
        Assert.Equal(3, live);
    }

    [Fact]
    public async Task TheNewSessionSurvivesTheCapEvenWhenLoginsShareAnInstant()
    {
        await using var capped = JwtBlogApp.With(("Accounts:MaxSessionsPerUser", "1"));
        var user = await capped.CreateUserAsync();
        for (var i = 0; i < 6; i++)
        {
            var (client, _, _) = await LoginAsync(capped, user.Email!);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts/test/")).StatusCode);
        }

        Assert.Equal(1, await capped.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == user.Id && s.RevokedAt == null)));
    }

    [Fact]
    public async Task RefreshIsRateLimitedPerSessionWithoutSpendingTheToken()
    {
        await using var limited = JwtBlogApp.With(("RateLimiting:RefreshesPerMinutePerSession", "3"));
        var user = await limited.CreateUserAsync();
        var (client, _, _) = await LoginAsync(limited, user.Email!);
        var (other, _, _) = await LoginAsync(limited, user.Email!);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
        }

        var refused = await client.PostAsync("/accounts/token/refresh/", null);
        Assert.Equal("{\"detail\":\"Too many requests. Try again later.\"}", await refused.RawJsonAsync(HttpStatusCode.TooManyRequests));
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Null(refused.SetCookie("my-refresh-token"));
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/accounts/token/refresh/", null)).StatusCode);

        limited.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
    }

    [Fact]
    public async Task TheSilentPageRefreshCountsAgainstTheSameLimitAndKeepsTheCookiesWhenRefused()
    {
        await using var limited = JwtBlogApp.With(("RateLimiting:RefreshesPerMinutePerSession", "2"));
        var user = await limited.CreateUserAsync();
        var (_, refresh, _) = await LoginAsync(limited, user.Email!);
        for (var i = 0; i < 2; i++)
        {
            var page = await PageWithRefreshCookieAsync(limited, refresh);
            refresh = Api.CookieValue(page.SetCookie("my-refresh-token")!);
        }

        // Over the limit: the page is served signed out and no cookie is set or deleted; the token is not spent.
        var refused = await PageWithRefreshCookieAsync(limited, refresh);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain(refused.SetCookies(), c => c.StartsWith("my-", StringComparison.Ordinal));
        limited.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull((await PageWithRefreshCookieAsync(limited, refresh)).SetCookie("my-app-auth"));
    }

    [Fact]
    public async Task AnErrorPageForAPageRequestRefreshesTheCookiesOnlyOnce()
    {
        var user = await app.CreateUserAsync();
        var (_, refresh, _) = await LoginAsync(app, user.Email!);
        var request = new HttpRequestMessage(HttpMethod.Get, "/posts/2147483647");
        request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        request.Headers.UserAgent.ParseAdd(Firefox);
        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(response.SetCookies(), c => c.StartsWith("my-app-auth=", StringComparison.Ordinal));
        Assert.Contains(user.Email!, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotationDeletesConsumedRowsAndAReplayOfAPurgedTokenStillEndsTheSession()
    {
        var user = await app.CreateUserAsync();
        var (client, original, _) = await LoginAsync(app, user.Email!);
        var sid = (string)Api.Claims(original)["sid"];
        for (var i = 0; i < 6; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
        }

        Assert.InRange(await app.WithDbAsync(db => db.RefreshTokens.CountAsync(t => t.SessionId == sid)), 1, 2);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, original)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == sid).Select(s => s.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task TheHourlyCleanupDeletesConsumedRowsPastTheGraceWindow()
    {
        var user = await app.CreateUserAsync();
        var (client, original, _) = await LoginAsync(app, user.Email!);
        var sid = (string)Api.Claims(original)["sid"];
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => ExpiredRowsCleanup.PurgeAsync(db, now, CancellationToken.None));

        Assert.Equal(0, await app.WithDbAsync(db => db.RefreshTokens.CountAsync(t => t.SessionId == sid && t.ConsumedAt != null)));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
    }

    [Fact]
    public async Task AReplayInTheGraceWindowFromAnotherClientEndsTheSession()
    {
        var user = await app.CreateUserAsync();
        var (_, refresh, _) = await LoginAsync(app, user.Email!);
        var first = await RefreshAsync(app, refresh);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var successor = Api.CookieValue(first.SetCookie("my-refresh-token")!);
        app.Clock.Advance(TimeSpan.FromSeconds(2));

        var sameClient = await RefreshAsync(app, refresh);
        Assert.Equal(successor, Api.CookieValue(sameClient.SetCookie("my-refresh-token")!));

        var stranger = await RefreshAsync(app, refresh, userAgent: "curl/8.14.1");
        Assert.Equal("{\"detail\":\"Token is invalid or expired\",\"code\":\"token_not_valid\"}", await stranger.RawJsonAsync(HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, successor)).StatusCode);
    }

    [Fact]
    public async Task AReplayInTheGraceWindowMustComeFromTheSameAddressPrefix()
    {
        await using var bare = JwtBlogApp.With();
        using var addressed = bare.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestRemoteIp>()));
        var user = await bare.CreateUserAsync();
        var login = await addressed.CreateClient().PostJsonAsync("/accounts/login/", new { email = user.Email, password = JwtBlogApp.Password });
        var refresh = Api.CookieValue(login.SetCookie("my-refresh-token")!);

        async Task<HttpResponseMessage> FromAsync(string token, string ip)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/");
            request.Headers.Add("Cookie", $"my-refresh-token={token}");
            request.Headers.Add(TestRemoteIp.Header, ip);
            return await addressed.CreateClient().SendAsync(request);
        }

        var first = await FromAsync(refresh, "203.0.113.5");
        var successor = Api.CookieValue(first.SetCookie("my-refresh-token")!);
        var neighbour = await FromAsync(refresh, "203.0.113.77");
        Assert.Equal(successor, Api.CookieValue(neighbour.SetCookie("my-refresh-token")!));

        var elsewhere = await FromAsync(refresh, "198.51.100.5");
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FromAsync(successor, "203.0.113.5")).StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData(null, "")]
    public void TheClientAddressIsComparedByItsNetworkPrefix(string? address, string prefix) =>
        Assert.Equal(prefix, RefreshClient.PrefixOf(address is null ? null : IPAddress.Parse(address)));

    // Sets the connection's remote address from a request header, as a real client's address would arrive.
    private sealed class TestRemoteIp : IStartupFilter
    {
        public const string Header = "X-Test-Remote-Ip";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers[Header] is [{ } ip])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
