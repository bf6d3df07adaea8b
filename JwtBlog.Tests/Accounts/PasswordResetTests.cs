using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Accounts;

// Issue 10: POST /accounts/password/reset/ and /accounts/password/reset/confirm/ (dj-rest-auth's shapes).
public sealed class PasswordResetTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Reset = "/accounts/password/reset/";
    private const string Confirm = "/accounts/password/reset/confirm/";
    private const string NewPassword = "Quiet-Harbor-Tulip-77";

    private async Task<(string Uid, string Token)> RequestLinkAsync(string email)
    {
        var response = await app.CreateBrowser().PostAsJsonAsync(Reset, new { email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = (await app.Outbox.LinkPathToAsync(email, "/password/reset/")).Split('/');
        return (parts[3], parts[4]);
    }

    private Task<HttpResponseMessage> ConfirmAsync(string uid, string token, string password1 = NewPassword, string? password2 = null) =>
        app.CreateBrowser().PostAsJsonAsync(Confirm, new { uid, token, new_password1 = password1, new_password2 = password2 ?? password1 });

    [Fact]
    public async Task KnownAndUnknownAddressesGetTheSameAnswerAndOnlyTheKnownOneAnEmail()
    {
        var user = await app.CreateUserAsync();
        var unknown = app.NewEmail("nobody");

        var known = await app.CreateBrowser().PostAsJsonAsync(Reset, new { email = user.Email });
        var stranger = await app.CreateBrowser().PostAsJsonAsync(Reset, new { email = unknown });

        Assert.Equal("{\"detail\":\"Password reset e-mail has been sent.\"}", await known.RawJsonAsync(HttpStatusCode.OK));
        Assert.Equal(await known.Content.ReadAsStringAsync(), await stranger.Content.ReadAsStringAsync());
        Assert.Equal(Headers(known), Headers(stranger));
        var email = Assert.Single(await app.Outbox.ToAsync(user.Email!));
        Assert.Equal("[JwtBlog] Reset your password", email.Subject);
        Assert.StartsWith("/password/reset/" + AccountTokens.EncodeUid(user.Id) + "/", TestOutbox.LinkPath(email, "/password/reset/"), StringComparison.Ordinal);
        Assert.Empty(await app.Outbox.ToAsync(unknown));
    }

    private static string Headers(HttpResponseMessage response) => string.Join(
        "\n",
        response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key + ": " + string.Join(",", h.Value)));

    [Theory]
    [InlineData("{}", "{\"email\":[\"This field is required.\"]}")]
    [InlineData("{\"email\":\"not-an-address\"}", "{\"email\":[\"Enter a valid email address.\"]}")]
    [InlineData("{\"email\":\"\"}", "{\"email\":[\"This field may not be blank.\"]}")]
    public async Task BadInputIsDrfShaped(string body, string expected)
    {
        var response = await app.CreateBrowser().PostRawAsync(Reset, body);
        Assert.Equal(expected, await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task TheLinkSetsTheNewPasswordEndsEverySessionVerifiesTheAddressAndSendsANotice()
    {
        var user = await app.CreateUserAsync();
        var signedIn = await app.SignInAsync(user);
        var (uid, token) = await RequestLinkAsync(user.Email!);

        var response = await ConfirmAsync(uid, token);

        Assert.Equal("{\"detail\":\"Password has been reset with the new password.\"}", await response.RawJsonAsync(HttpStatusCode.OK));
        var notice = await app.Outbox.LastToAsync(user.Email!);
        Assert.Equal("[JwtBlog] Your password was changed", notice.Subject);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedIn.Client.GetWithBearerAsync("/accounts/user/", signedIn.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateAccountsApi().LoginAsync(user.Email, JwtBlogApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAccountsApi().LoginAsync(user.Email, NewPassword)).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task EveryRequestIsStoredBeforeItsAnswerAndDoneOnce()
    {
        var user = await app.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().PostAsJsonAsync(Reset, new { email = user.Email })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().PostAsJsonAsync(Reset, new { email = app.NewEmail("nobody") })).StatusCode);

        Assert.Equal("[JwtBlog] Reset your password", (await app.Outbox.LastToAsync(user.Email!)).Subject);
        Assert.Equal(0, await app.WithDbAsync(db => db.PendingPasswordResets.CountAsync()));
    }

    [Fact]
    public async Task ARequestLeftByAStoppedProcessIsDoneAtTheNextStart()
    {
        var folder = Directory.CreateTempSubdirectory("jwtblog-reset-").FullName;
        using var shared = new SharedTestDatabase(Path.Combine(folder, "reset.db"));
        var database = shared.Setting;
        try
        {
            string email;
            await using (var first = JwtBlogApp.With(database))
            {
                var user = await first.CreateUserAsync();
                email = user.Email!;
                // What an answered request leaves when the process dies before its mailer gets to it.
                await first.WithDbAsync(db =>
                {
                    db.PendingPasswordResets.Add(new PendingPasswordReset
                    {
                        Email = email,
                        LinkBase = "https://blog.example/password/reset/",
                        RequestedAt = first.Clock.GetUtcNow().UtcDateTime,
                    });
                    return db.SaveChangesAsync();
                });
            }

            await using var second = JwtBlogApp.With(database);
            var sent = await second.Outbox.LastToAsync(email);
            Assert.Contains("https://blog.example/password/reset/", sent.TextBody, StringComparison.Ordinal);
            Assert.Equal(0, await second.WithDbAsync(db => db.PendingPasswordResets.CountAsync()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheTokenWorksOnce()
    {
        var user = await app.CreateUserAsync();
        var (uid, token) = await RequestLinkAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(uid, token)).StatusCode);

        var again = await ConfirmAsync(uid, token, "Other-Brave-Lantern-19");

        Assert.Equal("{\"token\":[\"Invalid value\"]}", await again.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ANewerRequestKillsTheOlderLink()
    {
        var user = await app.CreateUserAsync();
        var (uid, older) = await RequestLinkAsync(user.Email!);
        var (_, newer) = await RequestLinkAsync(user.Email!);

        Assert.Equal("{\"token\":[\"Invalid value\"]}", await (await ConfirmAsync(uid, older)).RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(uid, newer)).StatusCode);
    }

    [Fact]
    public async Task APasswordChangeKillsTheLink()
    {
        var user = await app.CreateUserAsync();
        var signedIn = await app.SignInAsync(user);
        var (uid, token) = await RequestLinkAsync(user.Email!);
        var change = await signedIn.Client.PostAsJsonAsync(
            "/accounts/password/change/", new { old_password = JwtBlogApp.Password, new_password1 = NewPassword, new_password2 = NewPassword });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        Assert.Equal("{\"token\":[\"Invalid value\"]}", await (await ConfirmAsync(uid, token)).RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task TheLinkExpiresAfterTheConfiguredLifetime()
    {
        using var shortLived = JwtBlogApp.With(("Accounts:PasswordResetTokenLifetime", "00:10:00"));
        var user = await shortLived.CreateUserAsync();
        await shortLived.CreateBrowser().PostAsJsonAsync(Reset, new { email = user.Email });
        var parts = (await shortLived.Outbox.LinkPathToAsync(user.Email!, "/password/reset/")).Split('/');
        shortLived.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var response = await shortLived.CreateBrowser().PostAsJsonAsync(
            Confirm, new { uid = parts[3], token = parts[4], new_password1 = NewPassword, new_password2 = NewPassword });

        Assert.Equal("{\"token\":[\"Invalid value\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task MissingFieldsAreListedAtOnce()
    {
        var response = await app.CreateBrowser().PostRawAsync(Confirm, "{}");
        Assert.Equal(
            "{\"uid\":[\"This field is required.\"],\"token\":[\"This field is required.\"],\"new_password1\":[\"This field is required.\"],\"new_password2\":[\"This field is required.\"]}",
            await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("OTk5OTk5")]
    [InlineData("LTE")]
    public async Task ABadUidIsAnInvalidValue(string uid)
    {
        var response = await ConfirmAsync(uid, "1-abc");
        Assert.Equal("{\"uid\":[\"Invalid value\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ATamperedTokenIsAnInvalidValue()
    {
        var user = await app.CreateUserAsync();
        var (uid, token) = await RequestLinkAsync(user.Email!);
        Assert.Equal("{\"token\":[\"Invalid value\"]}", await (await ConfirmAsync(uid, token + "x")).RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal("{\"token\":[\"Invalid value\"]}", await (await ConfirmAsync(uid, "1" + token)).RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ThePasswordRulesAnswerOnNewPassword2AndSpendNothing()
    {
        var user = await app.CreateUserAsync();
        var (uid, token) = await RequestLinkAsync(user.Email!);

        var mismatch = await ConfirmAsync(uid, token, NewPassword, NewPassword + "x");
        var common = await ConfirmAsync(uid, token, "password");

        Assert.Equal("{\"new_password2\":[\"The two password fields didn’t match.\"]}", await mismatch.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal("{\"new_password2\":[\"This password is too common.\"]}", await common.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(uid, token)).StatusCode);
    }

    [Fact]
    public async Task AResetClearsTheLockout()
    {
        var user = await app.CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await app.CreateAccountsApi().LoginAsync(user.Email, "wrong-password");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.CreateAccountsApi().LoginAsync(user.Email, JwtBlogApp.Password)).StatusCode);
        var (uid, token) = await RequestLinkAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(uid, token)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateAccountsApi().LoginAsync(user.Email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task RequestsAreLimitedPerAddressKnownOrNot()
    {
        using var limited = JwtBlogApp.With(("Accounts:EmailsPerAddressPerHour", "2"));
        var user = await limited.CreateUserAsync();
        foreach (var email in new[] { user.Email!, limited.NewEmail("nobody") })
        {
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await limited.CreateBrowser().PostAsJsonAsync(Reset, new { email })).StatusCode);
            }

            var refused = await limited.CreateBrowser().PostAsJsonAsync(Reset, new { email = email.ToUpperInvariant() });
            Assert.Equal("{\"detail\":\"Too many requests. Try again later.\"}", await refused.RawJsonAsync(HttpStatusCode.TooManyRequests));
            Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }

        Assert.Equal(2, (await limited.Outbox.ToAsync(user.Email!)).Count);
    }

    [Fact]
    public async Task RequestsAreLimitedPerClient()
    {
        using var limited = JwtBlogApp.With(("RateLimiting:EmailRequestsPerHourPerIp", "2"));
        var client = limited.CreateBrowser();
        await client.PostAsJsonAsync(Reset, new { email = limited.NewEmail() });
        await client.PostAsJsonAsync(Reset, new { email = limited.NewEmail() });

        var refused = await client.PostAsJsonAsync(Reset, new { email = limited.NewEmail() });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
