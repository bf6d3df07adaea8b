using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Accounts;

// Issue 10: POST /accounts/email/change/, confirmed by a key sent to the new address, cancellable from the old one.
public sealed class EmailChangeTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Change = "/accounts/email/change/";

    private async Task<(SignedInClient SignedIn, string NewEmail, string OldEmail)> AskForChangeAsync()
    {
        var signedIn = await app.SignInAsync();
        var newEmail = app.NewEmail("new");
        var response = await signedIn.Client.PostAsJsonAsync(Change, new { new_email = newEmail, password = JwtBlogApp.Password });
        Assert.Equal("{\"detail\":\"Verification e-mail sent.\"}", await response.RawJsonAsync(HttpStatusCode.OK));
        return (signedIn, newEmail, signedIn.User.Email!);
    }

    private async Task<string> KeyAsync(string email, string prefix) => (await app.Outbox.LinkPathToAsync(email, prefix))[prefix.Length..];

    private Task<HttpResponseMessage> ConfirmAsync(string key) => app.CreateBrowser().PostAsJsonAsync("/accounts/join/verify-email/", new { key });

    [Fact]
    public async Task TheAddressChangesOnlyWhenTheNewOneIsConfirmedAndNoSessionEnds()
    {
        var (signedIn, newEmail, oldEmail) = await AskForChangeAsync();
        Assert.Equal(oldEmail, (await (await signedIn.Client.Accounts().GetUserAsync()).JsonAsync(HttpStatusCode.OK)).GetProperty("email").GetString());
        var notice = await app.Outbox.LastToAsync(oldEmail);
        Assert.Equal("[JwtBlog] Your e-mail address is about to change", notice.Subject);
        Assert.Contains(newEmail, notice.TextBody, StringComparison.Ordinal);

        Assert.Equal("{\"detail\":\"ok\"}", await (await ConfirmAsync(await KeyAsync(newEmail, "/verify-email/"))).RawJsonAsync(HttpStatusCode.OK));

        var user = await (await signedIn.Client.Accounts().GetUserAsync()).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(newEmail, user.GetProperty("email").GetString());
        Assert.True(user.GetProperty("email_verified").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAccountsApi().LoginAsync(newEmail)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateAccountsApi().LoginAsync(oldEmail)).StatusCode);

        // The next refresh writes the new address into the access token.
        var refreshed = await (await signedIn.Client.Accounts().RefreshAsync()).JsonAsync(HttpStatusCode.OK);
        var access = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(refreshed.GetProperty("access").GetString());
        Assert.Equal(newEmail, access.GetClaim("email").Value);
    }

    [Fact]
    public async Task TheOldAddressCanCancel()
    {
        var (signedIn, newEmail, oldEmail) = await AskForChangeAsync();
        var cancelKey = await KeyAsync(oldEmail, "/email/change/cancel/");

        var cancelled = await app.CreateBrowser().PostAsJsonAsync("/accounts/email/change/cancel/", new { key = cancelKey });
        var again = await app.CreateBrowser().PostAsJsonAsync("/accounts/email/change/cancel/", new { key = cancelKey });

        Assert.Equal("{\"detail\":\"ok\"}", await cancelled.RawJsonAsync(HttpStatusCode.OK));
        Assert.Equal("{\"detail\":\"Not found.\"}", await again.RawJsonAsync(HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, (await ConfirmAsync(await KeyAsync(newEmail, "/verify-email/"))).StatusCode);
        Assert.Equal(oldEmail, await app.WithDbAsync(db => db.Users.Where(u => u.Id == signedIn.User.Id).Select(u => u.Email).SingleAsync()));
    }

    [Fact]
    public async Task AnAddressTakenMeanwhileIsRefused()
    {
        var (signedIn, newEmail, oldEmail) = await AskForChangeAsync();
        await app.CreateUserAsync(newEmail);

        var response = await ConfirmAsync(await KeyAsync(newEmail, "/verify-email/"));

        Assert.Equal(
            "{\"non_field_errors\":[\"A user is already registered with this e-mail address.\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal(oldEmail, await app.WithDbAsync(db => db.Users.Where(u => u.Id == signedIn.User.Id).Select(u => u.Email).SingleAsync()));
    }

    [Fact]
    public async Task ANewerRequestReplacesThePendingOne()
    {
        var (signedIn, first, _) = await AskForChangeAsync();
        var second = app.NewEmail("second");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.PostAsJsonAsync(Change, new { new_email = second, password = JwtBlogApp.Password })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await ConfirmAsync(await KeyAsync(first, "/verify-email/"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(await KeyAsync(second, "/verify-email/"))).StatusCode);
    }

    [Fact]
    public async Task BadRequestsAreDrfShaped()
    {
        var signedIn = await app.SignInAsync();
        var taken = await app.CreateUserAsync();

        var missing = await signedIn.Client.PostRawAsync(Change, "{}");
        var wrongPassword = await signedIn.Client.PostAsJsonAsync(Change, new { new_email = app.NewEmail(), password = "wrong" });
        var same = await signedIn.Client.PostAsJsonAsync(Change, new { new_email = signedIn.User.Email!.ToUpperInvariant(), password = JwtBlogApp.Password });
        var takenAnswer = await signedIn.Client.PostAsJsonAsync(Change, new { new_email = taken.Email, password = JwtBlogApp.Password });
        var invalid = await signedIn.Client.PostAsJsonAsync(Change, new { new_email = "nope", password = JwtBlogApp.Password });

        Assert.Equal("{\"new_email\":[\"This field is required.\"],\"password\":[\"This field is required.\"]}", await missing.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal("{\"password\":[\"Your password was entered incorrectly. Please enter it again.\"]}", await wrongPassword.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal("""{"new_email":["This is already your e-mail address."]}""", await same.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal("""{"new_email":["A user is already registered with this e-mail address."]}""", await takenAnswer.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal("{\"new_email\":[\"Enter a valid email address.\"]}", await invalid.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task OnlyASignedInUserWithTheCsrfHeaderMayAsk()
    {
        var anonymous = await app.CreateBrowser().PostAsJsonAsync(Change, new { new_email = app.NewEmail(), password = JwtBlogApp.Password });
        var signedIn = await app.SignInAsync();
        signedIn.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var noCsrf = await signedIn.Client.PostAsJsonAsync(Change, new { new_email = app.NewEmail(), password = JwtBlogApp.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noCsrf.StatusCode);
    }
}
