using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Accounts;

// GET /accounts/sessions/, DELETE /accounts/sessions/{id}/ and POST /accounts/sessions/end-others/.
public sealed class SessionsApiTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private Task<HttpResponseMessage> RefreshWithCookieAsync(string refresh)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, AccountsApi.Refresh);
        request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        return app.CreateClient().SendAsync(request);
    }

    private static async Task<(string Access, string Refresh)> LoginAsync(HttpClient client, string email, string? userAgent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, AccountsApi.Login)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email, password = JwtBlogApp.Password }),
        };
        if (userAgent is not null)
        {
            request.Headers.UserAgent.ParseAdd(userAgent);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (Api.CookieValue(response.SetCookie("my-app-auth")!), Api.CookieValue(response.SetCookie("my-refresh-token")!));
    }

    [Fact]
    public async Task TheListShowsTheCallersLiveSessionsNewestFirstWithTheCurrentOneMarked()
    {
        var first = await app.SignInAsync();
        var firstSignIn = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var (secondAccess, _) = await LoginAsync(app.CreateClient(), first.User.Email!, FirefoxOnWindows);
        var secondSignIn = app.Clock.GetUtcNow();
        var stranger = await app.SignInAsync();

        var sessions = await first.Client.ListSessionsAsync();

        Assert.Equal(2, sessions.Count);
        var (newest, oldest) = (sessions[0]!, sessions[1]!);
        Assert.Equal(["created_at", "current", "device", "id", "ip", "last_seen_at", "user_agent"], newest.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Api.ApiDate(secondSignIn), (string)newest["created_at"]!);
        Assert.Equal(Api.ApiDate(secondSignIn), (string)newest["last_seen_at"]!);
        Assert.Equal(FirefoxOnWindows, (string)newest["user_agent"]!);
        Assert.Equal("Firefox on Windows", (string)newest["device"]!);
        Assert.False((bool)newest["current"]!);
        Assert.Equal(Api.ApiDate(firstSignIn), (string)oldest["created_at"]!);
        Assert.True((bool)oldest["current"]!);

        // The id is opaque: neither token's sid, and not another user's.
        var sid = (string)Api.Claims(secondAccess)["sid"];
        Assert.Matches("^[0-9a-f]{32}$", (string)newest["id"]!);
        Assert.NotEqual(sid, (string)newest["id"]!);
        Assert.DoesNotContain(sid, await (await first.Client.GetAsync(SessionsApi.List)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((string)newest["id"]!, (await stranger.Client.ListSessionsAsync()).Select(s => (string)s!["id"]!));
    }

    [Fact]
    public async Task TheListNeedsASignIn()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(SessionsApi.List)).StatusCode);
    }

    [Fact]
    public async Task EndingOneRefusesItsAccessAndRefreshTokensAndKeepsTheCaller()
    {
        var caller = await app.SignInAsync();
        var (otherAccess, otherRefresh) = await LoginAsync(app.CreateClient(), caller.User.Email!);
        var otherId = (string)(await caller.Client.ListSessionsAsync()).Single(s => !(bool)s!["current"]!)!["id"]!;

        var response = await caller.Client.EndSessionAsync(otherId);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", otherAccess)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(otherRefresh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caller.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Single(await caller.Client.ListSessionsAsync());
        Assert.Contains(app.Logs.Events, e => e.Name == "SessionEnded");
    }

    [Fact]
    public async Task AnotherUsersSessionAnUnknownIdAndAnEndedOneAreAllNotFound()
    {
        var caller = await app.SignInAsync();
        var stranger = await app.SignInAsync();
        var strangersId = await stranger.Client.CurrentSessionIdAsync();
        var strangersSid = (string)Api.Claims(stranger.AccessToken)["sid"];

        foreach (var id in new[] { strangersId, strangersSid, "0123456789abcdef0123456789abcdef", "x", new string('a', 300) })
        {
            var response = await caller.Client.EndSessionAsync(id);
            Assert.Equal("""{"detail":"Not found."}""", await response.RawJsonAsync(HttpStatusCode.NotFound));
        }

        Assert.Equal(HttpStatusCode.OK, (await stranger.Client.GetAsync("/accounts/test/")).StatusCode);
    }

    [Fact]
    public async Task EndingTheCurrentSessionSignsTheCallerOut()
    {
        var caller = await app.SignInAsync();
        var response = await caller.Client.EndSessionAsync(await caller.Client.CurrentSessionIdAsync());
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", response.SetCookie("my-app-auth"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", caller.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task EndingSessionsNeedsTheCsrfHeaderWithCookies()
    {
        var caller = await app.SignInAsync();
        var (otherAccess, _) = await LoginAsync(app.CreateClient(), caller.User.Email!);
        var otherId = (string)(await caller.Client.ListSessionsAsync()).Single(s => !(bool)s!["current"]!)!["id"]!;
        caller.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        Assert.Equal(HttpStatusCode.Forbidden, (await caller.Client.EndSessionAsync(otherId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.Client.EndOtherSessionsAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", otherAccess)).StatusCode);
    }

    [Fact]
    public async Task EndOthersEndsEveryOtherSessionAndKeepsTheCurrentOne()
    {
        var caller = await app.SignInAsync();
        var others = new List<(string Access, string Refresh)>();
        for (var i = 0; i < 2; i++)
        {
            others.Add(await LoginAsync(app.CreateClient(), caller.User.Email!));
        }

        var response = await caller.Client.EndOtherSessionsAsync();

        Assert.Equal("""{"ended":2}""", await response.RawJsonAsync(HttpStatusCode.OK));
        foreach (var (access, refresh) in others)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", access)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(refresh)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await caller.Client.GetAsync("/accounts/test/")).StatusCode);
        Assert.True((bool)Assert.Single(await caller.Client.ListSessionsAsync())!["current"]!);
        Assert.Equal("""{"ended":0}""", await (await caller.Client.EndOtherSessionsAsync()).RawJsonAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task LastSeenAtIsWrittenAtMostOnceAMinute()
    {
        var caller = await app.SignInAsync();
        var sessionId = (string)Api.Claims(caller.AccessToken)["sid"];
        var signedInAt = app.Clock.GetUtcNow().UtcDateTime;
        var activity = app.Services.GetRequiredService<SessionActivity>();
        async Task<DateTime?> UseThenFlushAsync()
        {
            Assert.Equal(HttpStatusCode.OK, (await caller.Client.GetAsync("/accounts/test/")).StatusCode);
            await activity.FlushAsync(CancellationToken.None);
            return await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == sessionId).Select(s => s.LastSeenAt).SingleAsync());
        }

        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(signedInAt, await UseThenFlushAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(signedInAt, await UseThenFlushAsync());

        app.Clock.Advance(TimeSpan.FromSeconds(15));
        var firstWrite = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(firstWrite, await UseThenFlushAsync());
        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(firstWrite, await UseThenFlushAsync());
        }

        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, await UseThenFlushAsync());
        var listed = Assert.Single(await caller.Client.ListSessionsAsync())!;
        Assert.Equal(Api.ApiDate(app.Clock.GetUtcNow()), (string)listed["last_seen_at"]!);
    }

    [Fact]
    public async Task RememberMustBeABoolean()
    {
        var user = await app.CreateUserAsync();
        var response = await app.CreateClient().PostJsonAsync(AccountsApi.Login, new { email = user.Email, password = JwtBlogApp.Password, remember = "maybe" });
        Assert.Equal("""{"remember":["Must be a valid boolean."]}""", await response.RawJsonAsync(HttpStatusCode.BadRequest));
        var nulled = await app.CreateClient().PostJsonAsync(AccountsApi.Login, new { email = user.Email, password = JwtBlogApp.Password, remember = (bool?)null });
        Assert.Equal("""{"remember":["This field may not be null."]}""", await nulled.RawJsonAsync(HttpStatusCode.BadRequest));
    }
}
