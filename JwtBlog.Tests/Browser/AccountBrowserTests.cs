using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

public sealed class AccountBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task RegisterAsync(IPage page, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync("/register?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Password again").FillAsync(password);
        await page.ClickAsync("#register-submit");
    }

    [Fact]
    public Task RegisteringSignsTheUserInWithCookiesHiddenFromScripts() => browser.RunAsync(nameof(RegisteringSignsTheUserInWithCookiesHiddenFromScripts), async page =>
    {
        var email = browser.App.NewEmail("browser");
        await RegisterAsync(page, email, "correct horse battery", returnUrl: "/account");

        await page.WaitForURLAsync(browser.BaseUrl + "/account");
        await Expect(page.Locator("#nav-user")).ToHaveTextAsync(DisplayNames.Default(null, null, email));
        Assert.Equal("", await page.EvaluateAsync<string>("() => document.cookie.split('; ').filter(c => c.startsWith('my-')).join(';')"));
        var cookies = await page.Context.CookiesAsync();
        Assert.All(cookies.Where(c => c.Name.StartsWith("my-", StringComparison.Ordinal)), c => Assert.True(c.HttpOnly));
        Assert.Equal(2, cookies.Count(c => c.Name is "my-app-auth" or "my-refresh-token"));
    });

    [Fact]
    public Task TheWholeJourneyRegisterWriteReadLogOut() => browser.RunAsync(nameof(TheWholeJourneyRegisterWriteReadLogOut), async page =>
    {
        var email = browser.App.NewEmail("journey");
        await RegisterAsync(page, email, "correct horse battery");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Expect(page.Locator("#nav-user")).ToHaveTextAsync(DisplayNames.Default(null, null, email));

        await page.ClickAsync("#nav-write");
        await page.WaitForURLAsync(browser.BaseUrl + "/write");
        var title = "첫 글 " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Content").FillAsync("내용입니다\nsecond line");
        await page.ClickAsync("#post-submit");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/posts/\\d+$"));
        await Expect(page.Locator("#post-title")).ToHaveTextAsync(title);

        await page.ClickAsync("#nav-posts");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();

        await page.ClickAsync("#nav-logout");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Expect(page.Locator("#nav-login")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name is "my-app-auth" or "my-refresh-token");

        await page.GotoAsync("/write");
        await page.WaitForURLAsync(browser.BaseUrl + "/login?returnUrl=%2Fwrite");
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
    });

    [Fact]
    public Task RegistrationErrorsAppearNextToTheirFieldsAndKeepWhatWasTyped() => browser.RunAsync(nameof(RegistrationErrorsAppearNextToTheirFieldsAndKeepWhatWasTyped), async page =>
    {
        await page.GotoAsync("/register");
        await page.GetByLabel("Email").FillAsync("not-an-email");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("1234");
        await page.GetByLabel("Password again").FillAsync("1234");
        await page.GetByLabel("First name").FillAsync("Jimin");
        await page.ClickAsync("#register-submit");

        await Expect(page.Locator("#email-error")).ToHaveTextAsync("Enter a valid email address.");
        await Expect(page.Locator("#password1-error")).ToContainTextAsync("This password is too short.");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("not-an-email");
        await Expect(page.GetByLabel("First name")).ToHaveValueAsync("Jimin");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(page.GetByLabel("Email")).ToHaveAttributeAsync("aria-invalid", "true");
    });

    [Fact]
    public Task WrongPasswordShowsTheApisMessageAndTheRightOneGoesToTheReturnUrl() => browser.RunAsync(nameof(WrongPasswordShowsTheApisMessageAndTheRightOneGoesToTheReturnUrl), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await page.GotoAsync("/login?returnUrl=%2Faccount");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync("wrong password!");
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Unable to log in with provided credentials.");

        await page.GetByLabel("Password").FillAsync(JwtBlogApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(browser.BaseUrl + "/account");
        await Expect(page.Locator("#account-email")).ToHaveTextAsync(user.Email!);
    });

    [Fact]
    public Task OnAPhoneTheFormsFitAndWorkFromTheKeyboardAlone() => browser.RunAsync(nameof(OnAPhoneTheFormsFitAndWorkFromTheKeyboardAlone), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        var longAuthor = await browser.App.CreateUserAsync(email: "a-very-long-address-" + Guid.NewGuid().ToString("N") + "@example.com");
        await browser.App.WithDbAsync(async db =>
        {
            var now = browser.App.Clock.GetUtcNow().UtcDateTime;
            db.Posts.Add(new Web.Features.Blog.Post { Title = new string('w', 100), Content = new string('c', 300), AuthorId = longAuthor.Id, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        });
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/register", "/login" })
        {
            await page.GotoAsync(path);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways on a phone");
        }

        // The email field has focus on arrival; Tab moves to the password, Enter submits.
        await page.Keyboard.TypeAsync(user.Email!);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(JwtBlogApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await Expect(page.Locator("#nav-user")).ToHaveTextAsync(user.DisplayName);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "/ scrolls sideways on a phone");
    });

    [Fact]
    public Task LoginRefusesToRedirectOffSite() => browser.RunAsync(nameof(LoginRefusesToRedirectOffSite), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString("//evil.example/"));
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
    });

    [Fact]
    public Task ExpiredAccessCookieIsRefreshedSilentlyWhileBrowsing() => browser.RunAsync(nameof(ExpiredAccessCookieIsRefreshedSilentlyWhileBrowsing), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        var before = (await page.Context.CookiesAsync()).Single(c => c.Name == "my-app-auth").Value;

        browser.App.Clock.Advance(TimeSpan.FromMinutes(61));
        await page.GotoAsync("/account");

        await Expect(page.Locator("#account-email")).ToHaveTextAsync(user.Email!);
        var after = (await page.Context.CookiesAsync()).Single(c => c.Name == "my-app-auth").Value;
        Assert.NotEqual(before, after);

        // The page's script also recovers from a 401 by refreshing once and retrying.
        browser.App.Clock.Advance(TimeSpan.FromMinutes(61));
        await page.GetByLabel("First name").FillAsync("Refreshed");
        await page.ClickAsync("#profile-submit");
        await Expect(page.Locator("#flash")).ToHaveTextAsync("Your profile has been saved.");
    });

    [Fact]
    public Task LockedAccountIsToldWhenToRetry() => browser.RunAsync(nameof(LockedAccountIsToldWhenToRetry), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        for (var i = 0; i < 6; i++)
        {
            await page.GetByLabel("Password").FillAsync("wrong password!");
            await page.ClickAsync("#login-submit");
            await Expect(page.Locator("#login-error")).ToBeVisibleAsync();
            await Expect(page.Locator("#login-submit")).ToBeEnabledAsync();
        }

        await Expect(page.Locator("#login-error")).ToContainTextAsync("try again in about 15 minutes");
    });
}
