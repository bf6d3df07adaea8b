using System.Net;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Accounts;

// CONTRACT.md §10–§11 with rotation, reuse detection, an absolute session end and server-side logout.
public sealed class RefreshAndLogoutTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private async Task<(HttpClient Client, string Refresh, string Access)> LoginAsync()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowser();
        var response = await client.Accounts().LoginAsync(user.Email);
        return (client, Api.CookieValue(response.SetCookie("my-refresh-token")!), Api.CookieValue(response.SetCookie("my-app-auth")!));
    }

    private Task<HttpResponseMessage> RefreshWithCookieAsync(string refresh)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/");
        request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        return app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task RefreshWithTheCookieRotatesBothCookies()
    {
        var (client, refresh, _) = await LoginAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var response = await client.Accounts().RefreshAsync();

        var body = await response.JsonAsync(HttpStatusCode.OK);
        var access = body.GetProperty("access").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", body.GetProperty("access_token_expiration").GetString());
        Assert.False(body.TryGetProperty("refresh", out _));
        Assert.Equal(access, Api.CookieValue(response.SetCookie("my-app-auth")!));
        var rotated = Api.CookieValue(response.SetCookie("my-refresh-token")!);
        Assert.NotEqual(refresh, rotated);

        // The refreshed access token is dated now, not at login (the original copied the refresh token's iat).
        var claims = Api.Claims(access);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), claims["iat"]);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshWithCookieAsync(rotated)).StatusCode);
    }

    [Fact]
    public async Task WithoutAnyRefreshTokenTheAnswerIs401()
    {
        var response = await app.CreateClient().Accounts().RefreshAsync();
        Assert.Equal("{\"detail\":\"No valid refresh token found.\",\"code\":\"token_not_valid\"}", await response.RawJsonAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task AccessTokenOrGarbageIsNotARefreshToken()
    {
        var (_, _, access) = await LoginAsync();
        var wrongType = await RefreshWithCookieAsync(access);
        Assert.Equal("{\"detail\":\"Token has wrong type\",\"code\":\"token_not_valid\"}", await wrongType.RawJsonAsync(HttpStatusCode.Unauthorized));

        var garbage = await RefreshWithCookieAsync("garbage");
        Assert.Equal("{\"detail\":\"Token is invalid or expired\",\"code\":\"token_not_valid\"}", await garbage.RawJsonAsync(HttpStatusCode.Unauthorized));
        Assert.Contains("expires=Thu, 01 Jan 1970", garbage.SetCookie("my-refresh-token"));
    }

    [Fact]
    public async Task BodyTokenIsIgnoredByDefaultSoTheCookieDecides()
    {
        var (_, refresh, _) = await LoginAsync();
        var response = await app.CreateClient().PostJsonAsync("/accounts/token/refresh/", new { refresh });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ReplayWithinTheGraceWindowGetsTheSameSuccessor()
    {
        var (_, refresh, _) = await LoginAsync();
        var first = await RefreshWithCookieAsync(refresh);
        app.Clock.Advance(TimeSpan.FromSeconds(3));
        var second = await RefreshWithCookieAsync(refresh);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(Api.CookieValue(first.SetCookie("my-refresh-token")!), Api.CookieValue(second.SetCookie("my-refresh-token")!));
    }

    [Fact]
    public async Task ParallelRefreshesWithOneTokenAllSucceedWithOneSuccessor()
    {
        var (_, refresh, _) = await LoginAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshWithCookieAsync(refresh)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => Api.CookieValue(r.SetCookie("my-refresh-token")!)).Distinct());
        var sid = (string)Api.Claims(refresh)["sid"];
        Assert.Equal(1, await app.WithDbAsync(db => db.RefreshTokens.CountAsync(t => t.SessionId == sid && t.ConsumedAt == null)));
    }

    [Fact]
    public async Task ReplayAfterTheGraceWindowRevokesTheWholeSession()
    {
        var (client, refresh, _) = await LoginAsync();
        var rotated = await client.Accounts().RefreshAsync();
        var successor = Api.CookieValue(rotated.SetCookie("my-refresh-token")!);
        var newAccess = Api.CookieValue(rotated.SetCookie("my-app-auth")!);

        app.Clock.Advance(TimeSpan.FromSeconds(11));
        var replay = await RefreshWithCookieAsync(refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(successor)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", newAccess)).StatusCode);
    }

    [Fact]
    public async Task ARememberedSessionRefreshesUntilItsEndAndRotationNeverExtendsIt()
    {
        var user = await app.CreateUserAsync();
        var login = await app.CreateBrowser().PostJsonAsync(AccountsApi.Login, new { email = user.Email, password = JwtBlogApp.Password, remember = true });
        var refresh = Api.CookieValue(login.SetCookie("my-refresh-token")!);
        var current = refresh;
        for (var day = 0; day < 29; day++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            var response = await RefreshWithCookieAsync(current);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            current = Api.CookieValue(response.SetCookie("my-refresh-token")!);
        }

        var claims = Api.Claims(current);
        Assert.Equal(Api.Claims(refresh)["exp"], claims["exp"]);

        app.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        var last = await RefreshWithCookieAsync(current);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Contains("max-age=60", last.SetCookie("my-refresh-token"));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(Api.CookieValue(last.SetCookie("my-refresh-token")!))).StatusCode);
    }

    [Fact]
    public async Task LogoutRevokesTheSessionAndDeletesBothCookiesWithTheSameAttributes()
    {
        var (client, refresh, access) = await LoginAsync();
        var response = await client.Accounts().LogoutAsync();

        Assert.Equal("{\"detail\":\"Successfully logged out.\"}", await response.RawJsonAsync(HttpStatusCode.OK));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        foreach (var name in new[] { "my-app-auth", "my-refresh-token" })
        {
            var deletion = response.SetCookie(name)!;
            Assert.Contains("expires=Thu, 01 Jan 1970 00:00:00 GMT", deletion);
            Assert.Contains("path=/", deletion);
            Assert.Contains("samesite=lax", deletion);
            Assert.Contains("httponly", deletion);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", access)).StatusCode);
    }

    [Fact]
    public async Task LogoutIsIdempotentAndWorksWithAnExpiredAccessCookie()
    {
        var (client, refresh, _) = await LoginAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await client.Accounts().LogoutAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Accounts().LogoutAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().Accounts().LogoutAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task LogoutWithARefreshTokenInTheBodyRevokesThatSession()
    {
        var (_, refresh, _) = await LoginAsync();
        var response = await app.CreateClient().PostJsonAsync("/accounts/logout/", new { refresh });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task GetOnLogoutIs405()
    {
        var response = await app.CreateClient().GetAsync("/accounts/logout/");
        await response.JsonAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task RefreshTokensAreStoredByJtiNeverAsTokens()
    {
        var (_, refresh, _) = await LoginAsync();
        var jti = (string)Api.Claims(refresh)["jti"];
        var stored = await app.WithDbAsync(db => db.RefreshTokens.SingleAsync(t => t.Jti == jti));
        Assert.Equal(jti, stored.Jti);
        TestDatabase.SkipUnlessSqlite("the check of the database file's bytes");
        var bytes = await File.ReadAllBytesAsync(app.DatabasePath);
        Assert.DoesNotContain(refresh, System.Text.Encoding.UTF8.GetString(bytes));
    }
}

public sealed class RefreshTokenInBodyTests : IDisposable
{
    private readonly JwtBlogApp _app = JwtBlogApp.With(("Jwt:ReturnRefreshTokenInBody", "true"));

    [Fact]
    public async Task TheSettingReturnsTheRefreshTokenAndAcceptsItFromTheBody()
    {
        var user = await _app.CreateUserAsync();
        var login = await _app.CreateClient().Accounts().LoginAsync(user.Email);
        var refresh = (await login.JsonAsync(HttpStatusCode.OK)).GetProperty("refresh_token").GetString()!;
        Assert.Equal(refresh, Api.CookieValue(login.SetCookie("my-refresh-token")!));

        var response = await _app.CreateClient().PostJsonAsync("/accounts/token/refresh/", new { refresh });
        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(refresh, body.GetProperty("refresh").GetString());

        var blank = await _app.CreateClient().PostJsonAsync("/accounts/token/refresh/", new { refresh = "" });
        Assert.Equal("{\"refresh\":[\"This field may not be blank.\"]}", await blank.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    public void Dispose() => _app.Dispose();
}
