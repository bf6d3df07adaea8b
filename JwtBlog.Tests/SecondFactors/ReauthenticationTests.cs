using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts.Authentication;

namespace JwtBlog.Tests.SecondFactors;

public sealed class ReauthenticationTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task SensitiveChangesAskForARecentSignInAndThePasswordRenewsIt()
    {
        var signedIn = await app.SignInAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        // The access token is refreshed silently, but a refresh is no proof of who is typing.
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.Accounts().RefreshAsync()).StatusCode);
        var refused = await signedIn.Client.PostAsync(SecondFactorApi.Setup, null);
        var body = await refused.JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Re-authentication required.", body.GetProperty("detail").GetString());
        Assert.Equal("reauthentication_required", body.GetProperty("code").GetString());
        var password = await signedIn.Client.PostAsJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = "Other-Quiet-Lamp-77", new_password2 = "Other-Quiet-Lamp-77" });
        Assert.Equal(HttpStatusCode.Forbidden, password.StatusCode);

        var wrong = await signedIn.Client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { password = "not it" });
        Assert.True((await wrong.JsonAsync(HttpStatusCode.BadRequest)).TryGetProperty("password", out _));
        var renewed = await signedIn.Client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { password = JwtBlogApp.Password });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.NotNull(renewed.SetCookie(AuthCookieNames.Access));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.PostAsync(SecondFactorApi.Setup, null)).StatusCode);
    }

    [Fact]
    public async Task ACodeReauthenticatesAndAddsItsMethodToTheSession()
    {
        var signedIn = await app.SignInAsync();
        var (secret, _) = await app.EnrolTotpAsync(signedIn);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Forbidden, (await signedIn.Client.PostAsync(SecondFactorApi.RecoveryCodes, null)).StatusCode);

        var renewed = await signedIn.Client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { code = TotpCodes.At(secret, app.Clock.GetUtcNow()) });
        var body = await renewed.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["pwd", "otp"], SecondFactorApi.AuthMethods(body.GetProperty("access_token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.PostAsync(SecondFactorApi.RecoveryCodes, null)).StatusCode);
    }

    [Fact]
    public async Task ReauthenticationTakesExactlyOneOfPasswordAndCode()
    {
        var signedIn = await app.SignInAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.Client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await signedIn.Client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { password = JwtBlogApp.Password, code = "123456" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowser().PostAsJsonAsync(AccountsApi.Reauthenticate, new { password = "x" })).StatusCode);
    }

    [Fact]
    public async Task WrongReauthenticationPasswordsCountTowardsTheLockout()
    {
        var signedIn = await app.SignInAsync();

        // The signed-in device first spends its own budget, then counts against the account's (DeviceCookies).
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.Client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { password = "wrong" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await signedIn.Client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { password = JwtBlogApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.CreateBrowser().Accounts().LoginAsync(signedIn.User.Email)).StatusCode);
    }
}
