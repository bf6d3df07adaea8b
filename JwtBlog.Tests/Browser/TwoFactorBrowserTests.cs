using JwtBlog.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

public sealed class TwoFactorBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task EnrolTotpOnTheTwoFactorPageThenSignInWithIt() => browser.RunAsync(nameof(EnrolTotpOnTheTwoFactorPageThenSignInWithIt), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await page.GotoAsync("/login?returnUrl=%2Faccount%2Ftwo-factor");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/account/two-factor");

        await page.ClickAsync("#setup-totp");
        await Expect(page.Locator("svg#totp-qr")).ToBeVisibleAsync();
        var secret = await page.Locator("#totp-secret").TextContentAsync();
        await page.GetByLabel("Code from the app").FillAsync(TotpCodes.At(secret!, browser.App.Clock.GetUtcNow()));
        await page.ClickAsync("#activate-totp");
        await Expect(page.Locator("#recovery-codes-list li")).ToHaveCountAsync(10);

        await page.ClickAsync("#nav-logout");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        browser.App.Clock.Advance(TimeSpan.FromSeconds(30));

        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#mfa-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#login-form")).ToBeHiddenAsync();
        Assert.DoesNotContain("mfa", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name is "my-app-auth");

        await page.Locator("#mfa-code").FillAsync("000000");
        await page.ClickAsync("#mfa-submit");
        await Expect(page.Locator("#mfa-code-error")).ToHaveTextAsync("Invalid code.");
        await page.Locator("#mfa-code").FillAsync(TotpCodes.At(secret!, browser.App.Clock.GetUtcNow()));
        await page.ClickAsync("#mfa-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Expect(page.Locator("#nav-user")).ToHaveTextAsync(user.DisplayName);
    });

    [Fact]
    public Task AnOldSignInIsAskedForThePasswordInlineAndTheChangeGoesThrough() => browser.RunAsync(nameof(AnOldSignInIsAskedForThePasswordInlineAndTheChangeGoesThrough), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await page.GotoAsync("/login?returnUrl=%2Faccount%2Ftwo-factor");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/account/two-factor");
        browser.App.Clock.Advance(TimeSpan.FromMinutes(11));

        await page.ClickAsync("#setup-totp");
        var dialog = page.Locator("#reauth-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Password").FillAsync(JwtBlogApp.Password);
        await page.ClickAsync("#reauth-submit");
        await Expect(page.Locator("svg#totp-qr")).ToBeVisibleAsync();
    });
}
