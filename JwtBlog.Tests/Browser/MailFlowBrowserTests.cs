using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

// Issue 10's journeys in Chromium; the email arrives at the SMTP server in the test process and its link is opened.
public sealed class MailFlowBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task ForgotPasswordThenTheEmailedLinkThenANewPasswordSignsIn() => browser.RunAsync(nameof(ForgotPasswordThenTheEmailedLinkThenANewPasswordSignsIn), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await page.GotoAsync("/login");
        await page.ClickAsync("#login-forgot");
        await page.WaitForURLAsync(browser.BaseUrl + "/password/forgot");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.ClickAsync("#forgot-submit");
        await Expect(page.Locator("#forgot-status")).ToContainTextAsync("on its way");

        var email = await browser.Mail.WaitForMessageAsync(user.Email!, m => m.FindLink("/password/reset/") is not null);
        Assert.Contains("Reset", email.Html, StringComparison.OrdinalIgnoreCase);
        await page.GotoAsync(email.FindLink("/password/reset/")!);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Quiet-Harbor-Tulip-77");
        await page.GetByLabel("New password again").FillAsync("Quiet-Harbor-Tulip-77");
        await page.ClickAsync("#reset-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/login?reset=1");
        await Expect(page.Locator("#login-reset-done")).ToBeVisibleAsync();

        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync("Quiet-Harbor-Tulip-77");
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Expect(page.Locator("#nav-user")).ToHaveTextAsync(user.DisplayName);
    });

    [Fact]
    public Task RegisterThenTheEmailedLinkConfirmsTheAddress() => browser.RunAsync(nameof(RegisterThenTheEmailedLinkConfirmsTheAddress), async page =>
    {
        var email = browser.App.NewEmail("verify");
        await page.GotoAsync("/register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("correct horse battery");
        await page.GetByLabel("Password again").FillAsync("correct horse battery");
        await page.ClickAsync("#register-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Expect(page.Locator("#verify-notice")).ToBeVisibleAsync();

        var verification = await browser.Mail.WaitForMessageAsync(email, m => m.FindLink("/verify-email/") is not null);
        await page.GotoAsync(verification.FindLink("/verify-email/")!);
        await page.ClickAsync("#verify-submit");
        await Expect(page.Locator("#verify-status")).ToHaveTextAsync("Your address is confirmed. Thank you.");

        await page.GotoAsync("/account");
        await Expect(page.Locator("#email-verified")).ToHaveTextAsync("Your address is verified.");
        await Expect(page.Locator("#verify-notice")).ToHaveCountAsync(0);
    });
}
