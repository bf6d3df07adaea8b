using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.SecondFactors;

public sealed class TwoFactorPageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task APendingSetupShowsAServerDrawnQrCodeAndTheKeyUnderTheStrictCsp()
    {
        var signedIn = await app.SignInAsync();
        var off = await Html.GetDocumentAsync(signedIn.Client, "/account/two-factor");
        Assert.NotNull(off.QuerySelector("#setup-form"));

        var setup = await (await signedIn.Client.PostAsync(SecondFactorApi.Setup, null)).JsonAsync(HttpStatusCode.OK);
        var response = await signedIn.Client.GetAsync("/account/two-factor");
        var page = await Html.ParseAsync(response);
        Assert.Equal(setup.GetProperty("secret").GetString(), page.QuerySelector("#totp-secret")!.TextContent);
        var svg = page.QuerySelector("svg#totp-qr");
        Assert.NotNull(svg);
        Assert.Null(svg.QuerySelector("script"));
        Assert.Null(svg.GetAttribute("style"));
        Assert.NotNull(page.QuerySelector("#activate-form"));
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
    }

    [Fact]
    public async Task AnActiveAuthenticatorShowsItsStateAndNoKey()
    {
        var signedIn = await app.SignInAsync();
        await app.EnrolTotpAsync(signedIn);
        var page = await Html.GetDocumentAsync(signedIn.Client, "/account/two-factor");
        Assert.Equal("10", page.QuerySelector("#recovery-codes-left")!.TextContent);
        Assert.Null(page.QuerySelector("#totp-secret"));
        Assert.NotNull(page.QuerySelector("#regenerate-form"));
        Assert.NotNull(page.QuerySelector("#remove-totp-form"));
    }

    [Fact]
    public async Task TheLoginPageHasAHiddenSecondStepAndAnonymousVisitorsCannotOpenTheTwoFactorPage()
    {
        var client = app.CreateBrowser();
        var login = await Html.GetDocumentAsync(client, "/login");
        Assert.True(login.QuerySelector("#mfa-form")!.HasAttribute("hidden"));
        var twoFactor = await client.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, twoFactor.StatusCode);
    }
}
