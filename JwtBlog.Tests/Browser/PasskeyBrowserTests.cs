using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

// Passkeys in Chromium with its virtual authenticator (CDP WebAuthn domain): a platform authenticator that holds
// discoverable credentials and verifies the user without asking.
public sealed class PasskeyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task APasskeyAddedOnTheAccountPageSignsInAloneFromTheLoginPage() => browser.RunAsync(nameof(APasskeyAddedOnTheAccountPageSignsInAloneFromTheLoginPage), async page =>
    {
        var (cdp, authenticatorId) = await AddVirtualAuthenticatorAsync(page);

        var user = await browser.App.CreateUserAsync(browser.App.NewEmail("passkey"));
        await page.GotoAsync("/login?returnUrl=%2Faccount");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(Infrastructure.JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.LocalhostUrl + "/account");

        // The script reveals the add button once its handlers are in place; after each change the page loads again.
        await Expect(page.Locator("#passkeys-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#passkey-add")).ToBeVisibleAsync();
        await page.GetByLabel("Name of the new passkey (optional)").FillAsync("Test laptop");
        await page.ClickAsync("#passkey-add");
        // A ceremony is two API calls, the authenticator and a page load: the page's own 15 s, not the assertion's 5 s.
        await Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.Locator("#passkey-add")).ToBeVisibleAsync();
        await Expect(page.Locator("#passkey-name-0")).ToHaveValueAsync("Test laptop");
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        var credential = credentials!.Value.GetProperty("credentials").EnumerateArray().Single();
        Assert.True(credential.GetProperty("isResidentCredential").GetBoolean());
        Assert.Equal("localhost", credential.GetProperty("rpId").GetString());

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.Locator("#passkeys-status")).ToHaveTextAsync("Passkey renamed.", new() { Timeout = 15_000 });
        await page.ReloadAsync();
        await Expect(page.Locator("#passkey-name-0")).ToHaveValueAsync("Work laptop");
        await Expect(page.Locator("#passkey-add")).ToBeVisibleAsync();

        await page.ClickAsync("#nav-logout");
        await page.WaitForURLAsync(browser.LocalhostUrl + "/");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name is "my-app-auth" or "my-refresh-token");

        await page.GotoAsync("/login?returnUrl=%2Faccount");
        await page.ClickAsync("#passkey-login-button");
        await page.WaitForURLAsync(browser.LocalhostUrl + "/account");
        await Expect(page.Locator("#account-email")).ToHaveTextAsync(user.Email!);
        await Expect(page.GetByLabel("Email")).ToHaveCountAsync(0);

        // Removed, the passkey is gone from the list and signs nobody in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.Locator("#passkeys-empty")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#passkey-add")).ToBeVisibleAsync();
        await page.ClickAsync("#nav-logout");
        await page.WaitForURLAsync(browser.LocalhostUrl + "/");
        await page.GotoAsync("/login");
        await page.ClickAsync("#passkey-login-button");
        await Expect(page.Locator("#passkey-login-error")).ToHaveTextAsync("The passkey could not be verified.", new() { Timeout = 15_000 });
    }, browser.LocalhostUrl);

    [Fact]
    public Task AStaffMemberWhoseOnlyFactorIsAPasskeyConfirmsWithItToOpenTheAdmin() => browser.RunAsync(nameof(AStaffMemberWhoseOnlyFactorIsAPasskeyConfirmsWithItToOpenTheAdmin), async page =>
    {
        await AddVirtualAuthenticatorAsync(page);
        var staff = await browser.App.CreateUserAsync(browser.App.NewEmail("staff-passkey"), staff: true);
        await page.GotoAsync("/login?returnUrl=%2Faccount");
        await page.GetByLabel("Email").FillAsync(staff.Email!);
        await page.GetByLabel("Password").FillAsync(Infrastructure.JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.LocalhostUrl + "/account");
        await Expect(page.Locator("#passkey-add")).ToBeVisibleAsync();
        await page.ClickAsync("#passkey-add");
        await Expect(page.Locator("#passkey-list li")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        // The password session has no second factor: the admin asks for one, and the passkey is one.
        await page.GotoAsync("/admin");
        await page.WaitForURLAsync(browser.LocalhostUrl + "/account/confirm?returnUrl=%2Fadmin");
        await page.ClickAsync("#passkey-confirm-button");
        await page.WaitForURLAsync(browser.LocalhostUrl + "/admin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Site administration");
    }, browser.LocalhostUrl);

    // A platform authenticator that holds discoverable credentials and verifies the user without asking.
    private static async Task<(ICDPSession Cdp, string AuthenticatorId)> AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var authenticator = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });
        return (cdp, authenticator!.Value.GetProperty("authenticatorId").GetString()!);
    }
}
