using JwtBlog.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

// Two browsers signed in as one user: the first ends the second's session from /account.
public sealed class SessionsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task SignInAsync(IPage page, AppUser user, bool remember)
    {
        await page.GotoAsync("/login?returnUrl=%2Faccount");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(Infrastructure.JwtBlogApp.Password);
        if (remember)
        {
            await page.GetByLabel("Keep me signed in").CheckAsync();
        }

        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/account");
    }

    [Fact]
    public Task EndingAnotherSessionFromTheAccountPageSignsThatBrowserOut() => browser.RunAsync(nameof(EndingAnotherSessionFromTheAccountPageSignsThatBrowserOut), async first =>
    {
        var user = await browser.App.CreateUserAsync();
        await using var otherContext = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var second = await otherContext.NewPageAsync();
        await SignInAsync(second, user, remember: false);
        await SignInAsync(first, user, remember: true);

        // Remembered: the cookies outlive the browser; not remembered: they are browser-session cookies.
        Assert.All((await first.Context.CookiesAsync()).Where(c => c.Name is "my-app-auth" or "my-refresh-token"), c => Assert.True(c.Expires > 0));
        Assert.All((await otherContext.CookiesAsync()).Where(c => c.Name is "my-app-auth" or "my-refresh-token"), c => Assert.Equal(-1, c.Expires));

        var rows = first.Locator("#sessions tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(first.Locator("tr[data-current=true] .this-device")).ToBeVisibleAsync();
        await first.Locator("tr[data-current=false]").GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();
        await Expect(first.Locator("#sessions-status")).ToHaveTextAsync("The session was ended.");
        await Expect(rows).ToHaveCountAsync(1);

        await second.GotoAsync("/write");
        await second.WaitForURLAsync(browser.BaseUrl + "/login?returnUrl=%2Fwrite");
        await Expect(second.Locator("#nav-login")).ToBeVisibleAsync();

        await first.GotoAsync("/write");
        await Expect(first.Locator("#nav-user")).ToHaveTextAsync(user.DisplayName);
    });
}
