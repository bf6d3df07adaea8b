using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Tests.Pages;

// A page request with a stale access cookie but a good refresh cookie is served signed in, with rotated cookies.
public sealed class SilentRefreshTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private async Task<(string Access, string Refresh, string Email)> LoginAsync()
    {
        var user = await app.CreateUserAsync();
        var response = await app.CreateClient().PostJsonAsync("/accounts/login/", new { email = user.Email, password = JwtBlogApp.Password });
        return (Api.CookieValue(response.SetCookie("my-app-auth")!), Api.CookieValue(response.SetCookie("my-refresh-token")!), user.Email!);
    }

    private Task<HttpResponseMessage> GetPageAsync(string path, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        return app.CreateBrowser().SendAsync(request);
    }

    [Fact]
    public async Task ExpiredAccessCookieIsRefreshedOnAPageRequest()
    {
        var (access, refresh, email) = await LoginAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(61));

        var response = await GetPageAsync("/account", $"my-app-auth={access}; my-refresh-token={refresh}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal(DisplayNames.Default(null, null, email), document.QuerySelector("#nav-user")!.TextContent);
        var newAccess = Api.CookieValue(response.SetCookie("my-app-auth")!);
        var newRefresh = Api.CookieValue(response.SetCookie("my-refresh-token")!);
        Assert.NotEqual(access, newAccess);
        Assert.NotEqual(refresh, newRefresh);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithBearerAsync("/accounts/test/", newAccess)).StatusCode);
    }

    [Fact]
    public async Task MissingAccessCookieIsRefreshedToo()
    {
        var (_, refresh, email) = await LoginAsync();
        var response = await GetPageAsync("/login", $"my-refresh-token={refresh}");
        var document = await Html.ParseAsync(response);
        Assert.Equal(DisplayNames.Default(null, null, email), document.QuerySelector("#nav-user")!.TextContent);
        Assert.NotNull(response.SetCookie("my-app-auth"));
    }

    [Fact]
    public async Task InvalidRefreshCookieSignsTheVisitorOutAndDeletesTheCookies()
    {
        var response = await GetPageAsync("/account", "my-app-auth=stale; my-refresh-token=garbage");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?returnUrl=", response.Headers.Location!.OriginalString);
        Assert.Contains("expires=Thu, 01 Jan 1970", response.SetCookie("my-app-auth"));
        Assert.Contains("expires=Thu, 01 Jan 1970", response.SetCookie("my-refresh-token"));
    }

    [Fact]
    public async Task ALiveAccessCookieIsLeftAlone()
    {
        var (access, refresh, _) = await LoginAsync();
        var response = await GetPageAsync("/account", $"my-app-auth={access}; my-refresh-token={refresh}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.SetCookie("my-refresh-token"));
    }

    [Fact]
    public async Task SeveralTabsRefreshingAtOnceStaySignedIn()
    {
        var (access, refresh, email) = await LoginAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(61));

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            GetPageAsync("/account", $"my-app-auth={access}; my-refresh-token={refresh}")));

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = await Html.ParseAsync(response);
            Assert.Equal(DisplayNames.Default(null, null, email), document.QuerySelector("#nav-user")!.TextContent);
        }

        var successors = responses.Select(r => Api.CookieValue(r.SetCookie("my-refresh-token")!)).Distinct().ToList();
        var successor = Assert.Single(successors);
        var next = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/")
        {
            Headers = { { "Cookie", $"my-refresh-token={successor}" } },
        });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task ApiRequestsAreNotSilentlyRefreshed()
    {
        var (access, refresh, _) = await LoginAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var request = new HttpRequestMessage(HttpMethod.Get, "/accounts/test/");
        request.Headers.Add("Cookie", $"my-app-auth={access}; my-refresh-token={refresh}");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.SetCookie("my-refresh-token"));
    }
}
