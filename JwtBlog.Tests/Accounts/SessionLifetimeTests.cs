using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Accounts;

// Keep me signed in: without it a session ends a day (Jwt:IdleSessionTimeout) after its last use and its cookies
// last until the browser closes; with it the cookies persist and the session lasts 30 days
// (Jwt:RememberedSessionLifetime) from sign-in, used or not, and never longer.
public sealed class SessionLifetimeTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private async Task<HttpResponseMessage> LoginAsync(bool? remember)
    {
        var user = await app.CreateUserAsync();
        object body = remember is { } value
            ? new { email = user.Email, password = JwtBlogApp.Password, remember = value }
            : new { email = user.Email, password = JwtBlogApp.Password };
        var response = await app.CreateClient().PostJsonAsync(AccountsApi.Login, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private Task<HttpResponseMessage> RefreshWithCookieAsync(string refresh)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, AccountsApi.Refresh);
        request.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        return app.CreateClient().SendAsync(request);
    }

    private static string RefreshCookie(HttpResponseMessage response) => Api.CookieValue(response.SetCookie("my-refresh-token")!);

    [Fact]
    public async Task WithoutRememberTheCookiesAreBrowserSessionCookies()
    {
        foreach (var remember in new bool?[] { null, false })
        {
            var response = await LoginAsync(remember);
            foreach (var cookie in new[] { response.SetCookie("my-app-auth")!, response.SetCookie("my-refresh-token")! })
            {
                Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("max-age", cookie, StringComparison.OrdinalIgnoreCase);
            }

            // Rotation keeps them so.
            var rotated = await RefreshWithCookieAsync(RefreshCookie(response));
            Assert.DoesNotContain("max-age", rotated.SetCookie("my-refresh-token"), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task WithRememberTheCookiesPersistForTheirTokensLives()
    {
        var response = await LoginAsync(remember: true);
        Assert.Contains("max-age=3600", response.SetCookie("my-app-auth"));
        Assert.Contains("max-age=2592000", response.SetCookie("my-refresh-token"));
        Assert.Contains("expires=", response.SetCookie("my-refresh-token"));

        app.Clock.Advance(TimeSpan.FromDays(10));
        var rotated = await RefreshWithCookieAsync(RefreshCookie(response));
        Assert.Contains("max-age=1728000", rotated.SetCookie("my-refresh-token"));
    }

    [Fact]
    public async Task AnUnrememberedSessionSlidesWithUseAndEndsADayAfterItsLastUse()
    {
        var response = await LoginAsync(remember: false);
        var refresh = RefreshCookie(response);

        // Used every 23 hours it outlives the old 24-hour end.
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromHours(23));
            var rotated = await RefreshWithCookieAsync(refresh);
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
            refresh = RefreshCookie(rotated);
        }

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task AWriterWhoKeepsUsingThePagesStaysSignedInThroughTheSilentRefresh()
    {
        var writer = await app.SignInAsync();
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromHours(23));
            var page = await Html.GetDocumentAsync(writer.Client, "/write");
            Assert.Equal(writer.User.DisplayName, page.QuerySelector("#nav-user")?.TextContent);
        }

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var after = await writer.Client.GetAsync("/write");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task ARememberedSessionSurvivesWeeksUnusedAndEndsThirtyDaysAfterSignIn()
    {
        var response = await LoginAsync(remember: true);
        app.Clock.Advance(TimeSpan.FromDays(20));
        var rotated = await RefreshWithCookieAsync(RefreshCookie(response));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshWithCookieAsync(RefreshCookie(rotated))).StatusCode);
    }
}
