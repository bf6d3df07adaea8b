using System.Net;
using JwtBlog.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JwtBlog.Tests.Platform;

public sealed class LogTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task LogsSecurityEventsButNeverPasswordsTokensOrSessionIds()
    {
        // The class shares one app: only this test's events count.
        var earlierEvents = app.Logs.Events.Count;
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowser();
        var failed = await client.PostJsonAsync("/accounts/login/", new { email = user.Email, password = "my secret guess 1" });
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var unknown = await client.PostJsonAsync("/accounts/login/", new { email = app.NewEmail("nobody"), password = "my secret guess 2" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var login = await client.PostJsonAsync("/accounts/login/", new { email = user.Email, password = JwtBlogApp.Password });
        var access = Api.CookieValue(login.SetCookie("my-app-auth")!);
        var refresh = Api.CookieValue(login.SetCookie("my-refresh-token")!);
        var rotated = await client.PostAsync("/accounts/token/refresh/", null);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var reuse = new HttpRequestMessage(HttpMethod.Post, "/accounts/token/refresh/");
        reuse.Headers.Add("Cookie", $"my-refresh-token={refresh}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(reuse)).StatusCode);
        await app.CreateClient().GetWithBearerAsync("/accounts/test/", "garbage." + access);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/accounts/logout/", new { })).StatusCode);

        // LoginFailed, LoginFailedUnknownEmail, LoginSucceeded, RefreshTokenReused, LoggedOut.
        var accountEvents = app.Logs.Events.Skip(earlierEvents).Select(e => e.Id).Where(id => id is >= 1000 and < 2000).ToArray();
        Assert.Equal([1001, 1002, 1000, 1009, 1006], accountEvents);
        var lines = app.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("Failed login for user " + user.Id, StringComparison.Ordinal));

        var sessionId = new JsonWebToken(access).GetClaim("sid").Value;
        var secrets = new[]
        {
            JwtBlogApp.Password, "my secret guess 1", "my secret guess 2", access, refresh,
            Api.CookieValue(rotated.SetCookie("my-refresh-token")!), access.Split('.')[2], sessionId[..9],
        };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains(sessionId[..8], StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegistrationLockoutAndPasswordChangesAreLoggedWithTheirEventIds()
    {
        // The class shares one app: only this test's events and lines count.
        var earlierEvents = app.Logs.Events.Count;
        var earlierLines = app.Logs.Lines.Count;
        var client = app.CreateBrowser();
        var email = app.NewEmail("joiner");
        Assert.Equal(HttpStatusCode.Created, (await client.Accounts().RegisterAsync(email)).StatusCode);
        var csrf = await JwtBlogApp.CsrfTokenAsync(client);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf);
        var wrong = await client.PostJsonAsync("/accounts/password/change/",
            new { old_password = "my secret guess 3", new_password1 = "Amber-Falcon-Grove-19", new_password2 = "Amber-Falcon-Grove-19" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var changed = await client.PostJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = "Amber-Falcon-Grove-19", new_password2 = "Amber-Falcon-Grove-19" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var stranger = app.CreateBrowser().Accounts();
        for (var i = 0; i < 6; i++)
        {
            await stranger.LoginAsync(email, "my secret guess 4");
        }

        // Registered, PasswordChangeFailed, PasswordChanged, SessionsEnded, LockoutStarted, LockedOut.
        var ids = app.Logs.Events.Skip(earlierEvents).Select(e => e.Id).ToHashSet();
        Assert.Superset(new HashSet<int> { 1005, 1012, 1007, 1010, 1004, 1003 }, ids);
        var lines = app.Logs.Lines.Skip(earlierLines).ToArray();
        Assert.Contains(lines, l => l.Contains("an account is locked", StringComparison.Ordinal));
        foreach (var secret in new[] { JwtBlogApp.Password, "Amber-Falcon-Grove-19", "my secret guess 3", "my secret guess 4", email })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
