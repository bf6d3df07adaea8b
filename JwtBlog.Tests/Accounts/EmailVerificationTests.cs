using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Accounts;

// Issue 10: allauth's address verification (Accounts:EmailVerification none | optional | mandatory).
public sealed class EmailVerificationTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string VerifyEmail = "/accounts/join/verify-email/";
    private const string ResendEmail = "/accounts/join/resend-email/";

    private static async Task<string> KeyAsync(JwtBlogApp app, string email) =>
        (await app.Outbox.LinkPathToAsync(email, "/verify-email/"))["/verify-email/".Length..];

    [Fact]
    public async Task JoiningSendsAKeyThatVerifiesTheAddressOnce()
    {
        var email = app.NewEmail();
        var client = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Created, (await client.Accounts().RegisterAsync(email)).StatusCode);
        var user = await client.Accounts().GetUserAsync();
        Assert.False((await user.JsonAsync(HttpStatusCode.OK)).GetProperty("email_verified").GetBoolean());
        var message = await app.Outbox.LastToAsync(email);
        Assert.Equal("[JwtBlog] Confirm your e-mail address", message.Subject);
        var key = await KeyAsync(app, email);

        var confirmed = await app.CreateBrowser().PostAsJsonAsync(VerifyEmail, new { key });
        var used = await app.CreateBrowser().PostAsJsonAsync(VerifyEmail, new { key });

        Assert.Equal("{\"detail\":\"ok\"}", await confirmed.RawJsonAsync(HttpStatusCode.OK));
        Assert.Equal("{\"detail\":\"Not found.\"}", await used.RawJsonAsync(HttpStatusCode.NotFound));
        Assert.True((await (await client.Accounts().GetUserAsync()).JsonAsync(HttpStatusCode.OK)).GetProperty("email_verified").GetBoolean());
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("MQ.eEBleGFtcGxlLmNvbQ.1-abc")]
    [InlineData("..")]
    public async Task ABadKeyIsNotFound(string key)
    {
        var response = await app.CreateBrowser().PostAsJsonAsync(VerifyEmail, new { key });
        Assert.Equal("{\"detail\":\"Not found.\"}", await response.RawJsonAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task AMissingKeyIsDrfShaped()
    {
        var response = await app.CreateBrowser().PostRawAsync(VerifyEmail, "{}");
        Assert.Equal("{\"key\":[\"This field is required.\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ResendAnswersOkForAnyAddressAndSendsOnlyToAnUnverifiedUser()
    {
        var user = await app.CreateUserAsync();
        var unknown = app.NewEmail("nobody");

        var known = await app.CreateBrowser().PostAsJsonAsync(ResendEmail, new { email = user.Email });
        var stranger = await app.CreateBrowser().PostAsJsonAsync(ResendEmail, new { email = unknown });

        Assert.Equal("{\"detail\":\"ok\"}", await known.RawJsonAsync(HttpStatusCode.OK));
        Assert.Equal("{\"detail\":\"ok\"}", await stranger.RawJsonAsync(HttpStatusCode.OK));
        Assert.Single(await app.Outbox.ToAsync(user.Email!));
        Assert.Empty(await app.Outbox.ToAsync(unknown));
    }

    [Fact]
    public async Task ResendHasACooldownPerAddressKnownOrNot()
    {
        var user = await app.CreateUserAsync();
        foreach (var email in new[] { user.Email!, app.NewEmail("nobody") })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().PostAsJsonAsync(ResendEmail, new { email })).StatusCode);
            var refused = await app.CreateBrowser().PostAsJsonAsync(ResendEmail, new { email });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(3), refused.Headers.RetryAfter!.Delta);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().PostAsJsonAsync(ResendEmail, new { email = user.Email })).StatusCode);
        Assert.Equal(2, (await app.Outbox.ToAsync(user.Email!)).Count);
    }

    [Fact]
    public async Task MandatoryVerificationRefusesTheLoginAfterThePasswordCheckUntilConfirmed()
    {
        using var mandatory = JwtBlogApp.With(("Accounts:EmailVerification", "mandatory"));
        var email = mandatory.NewEmail();
        var join = await mandatory.CreateBrowser().Accounts().RegisterAsync(email);
        Assert.Equal("{\"detail\":\"Verification e-mail sent.\"}", await join.RawJsonAsync(HttpStatusCode.Created));
        Assert.DoesNotContain(join.SetCookies(), c => c.StartsWith("my-app-auth=", StringComparison.Ordinal));

        var wrong = await mandatory.CreateAccountsApi().LoginAsync(email, "wrong-password");
        var right = await mandatory.CreateAccountsApi().LoginAsync(email, JwtBlogApp.Password);

        Assert.Equal("{\"non_field_errors\":[\"Unable to log in with provided credentials.\"]}", await wrong.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal("{\"non_field_errors\":[\"E-mail is not verified.\"]}", await right.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await mandatory.CreateBrowser().PostAsJsonAsync(VerifyEmail, new { key = await KeyAsync(mandatory, email) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mandatory.CreateAccountsApi().LoginAsync(email, JwtBlogApp.Password)).StatusCode);
    }

    [Fact]
    public async Task NoVerificationSendsNothing()
    {
        using var none = JwtBlogApp.With(("Accounts:EmailVerification", "none"));
        var email = none.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await none.CreateBrowser().Accounts().RegisterAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await none.CreateBrowser().PostAsJsonAsync(ResendEmail, new { email })).StatusCode);
        Assert.Empty(await none.Outbox.ToAsync(email));
    }

    [Fact]
    public async Task TheKeyExpires()
    {
        using var own = new JwtBlogApp();
        var email = own.NewEmail();
        await own.CreateBrowser().Accounts().RegisterAsync(email);
        var key = await KeyAsync(own, email);

        own.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.NotFound, (await own.CreateBrowser().PostAsJsonAsync(VerifyEmail, new { key })).StatusCode);
        Assert.False(await own.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }
}
