using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Pages;

// Issue 10's pages: forgot password, the reset link's form, the verification and cancel buttons, and the links to them.
public sealed class MailFlowPagesTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task TheForgotPasswordPageAsksForTheAddressWithItsModuleAndNoInlineScript()
    {
        var page = await ForgotPasswordPage.OpenAsync(app.CreateClient());

        var email = Assert.IsAssignableFrom<IHtmlInputElement>(page.Form.QuerySelector("input[name=email]"));
        Assert.Equal(("email", "email"), (email.Type, email.GetAttribute("autocomplete")));
        Assert.NotNull(page.Form.QuerySelector($"label[for={email.Id}]"));
        Assert.Equal("/accounts/password/reset/", page.Form.GetAttribute("action"));
        Assert.NotNull(page.Find("script[type=module][src='/js/forgot-password.js']"));
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
    }

    [Fact]
    public async Task OpeningTheResetLinkShowsAFormAndConsumesNothing()
    {
        var user = await app.CreateUserAsync();
        await app.CreateBrowser().PostAsJsonAsync("/accounts/password/reset/", new { email = user.Email });
        var path = await app.Outbox.LinkPathToAsync(user.Email!, "/password/reset/");

        var page = await ResetPasswordPage.OpenAsync(app.CreateClient(), path);
        await ResetPasswordPage.OpenAsync(app.CreateClient(), path);

        Assert.Equal(path, $"/password/reset/{page.Uid}/{page.Token}");
        Assert.NotNull(page.Form.QuerySelector("input[name=new_password1][type=password][autocomplete=new-password]"));
        Assert.NotNull(page.Form.QuerySelector("input[name=new_password2][type=password][autocomplete=new-password]"));
        Assert.NotNull(page.Find("script[type=module][src='/js/reset-password.js']"));
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
        var confirm = await app.CreateBrowser().PostAsJsonAsync(
            "/accounts/password/reset/confirm/", new { uid = page.Uid, token = page.Token, new_password1 = "Quiet-Harbor-Tulip-77", new_password2 = "Quiet-Harbor-Tulip-77" });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
    }

    [Fact]
    public async Task OpeningTheVerificationLinkShowsAButtonAndConfirmsNothing()
    {
        var email = app.NewEmail();
        await app.CreateBrowser().Accounts().RegisterAsync(email);
        var path = await app.Outbox.LinkPathToAsync(email, "/verify-email/");

        var page = await EmailKeyPage.OpenVerifyAsync(app.CreateClient(), path);

        Assert.Equal(path, "/verify-email/" + page.Key);
        Assert.NotNull(page.Form.QuerySelector("button[type=submit]"));
        Assert.NotNull(page.Find("script[type=module][src='/js/verify-email.js']"));
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task TheCancelLinkShowsAButton()
    {
        var page = await EmailKeyPage.OpenCancelAsync(app.CreateClient(), "/email/change/cancel/some-key");
        Assert.Equal("some-key", page.Key);
        Assert.NotNull(page.Find("script[type=module][src='/js/cancel-email-change.js']"));
    }

    [Fact]
    public async Task TheLoginPageLinksToTheResetAndHasTheLockoutAndResendHelp()
    {
        var page = await LoginPage.OpenAsync(app.CreateClient());

        Assert.NotNull(page.Find("#login-forgot[href='/password/forgot']"));
        Assert.NotNull(page.Find("#login-lockout-help[hidden] a[href='/password/forgot']"));
        Assert.NotNull(page.Find("#login-unverified-help[hidden] #login-resend"));
        Assert.Null(page.Find("#login-reset-done"));
        Assert.NotNull((await Html.GetDocumentAsync(app.CreateClient(), "/login?reset=1")).QuerySelector("#login-reset-done"));
    }

    [Fact]
    public async Task AnUnverifiedUserSeesAQuietNoticeAndTheAccountPageOffersAChangeOfAddress()
    {
        var signedIn = await app.SignInAsync();
        var page = await AccountPage.OpenAsync(signedIn.Client);

        Assert.Contains("verify your address", page.VerifyNotice, StringComparison.Ordinal);
        Assert.Equal("/accounts/email/change/", page.EmailForm.GetAttribute("action"));
        Assert.NotNull(page.EmailForm.QuerySelector("input[name=new_email][type=email]"));
        Assert.NotNull(page.EmailForm.QuerySelector("input[name=password][type=password][autocomplete=current-password]"));

        await app.WithDbAsync(db => db.Users.Where(u => u.Id == signedIn.User.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true)));
        Assert.Null((await AccountPage.OpenAsync(signedIn.Client)).VerifyNotice);
    }
}
