using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Platform;

public sealed class LogTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task LogsNameFailuresButNeverPasswordsOrTokens()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowser();
        var failed = await client.PostJsonAsync("/accounts/login/", new { email = user.Email, password = "my secret guess 1" });
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var login = await client.PostJsonAsync("/accounts/login/", new { email = user.Email, password = JwtBlogApp.Password });
        var access = Api.CookieValue(login.SetCookie("my-app-auth")!);
        var refresh = Api.CookieValue(login.SetCookie("my-refresh-token")!);
        var rotated = await client.PostAsync("/accounts/token/refresh/", null);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var reuse = new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/");
        reuse.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(reuse)).StatusCode);
        await app.CreateClient().GetWithBearerAsync("/accounts/test/", "garbage." + access);

        var lines = app.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("Failed login for user " + user.Id, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Refresh token reuse detected", StringComparison.Ordinal));
        var secrets = new[] { JwtBlogApp.Password, "my secret guess 1", access, refresh, Api.CookieValue(rotated.SetCookie("my-refresh-token")!), access.Split('.')[2] };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
