using System.Text.RegularExpressions;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

// The look in Chromium: nothing scrolls sideways on a 390 px phone, the phone menu, dark and light colours with
// readable text, and the footer's language switch.
public sealed class LookBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    private static readonly string _longWord = string.Concat(Enumerable.Repeat("Unbroken", 13));

    [Fact]
    public Task NoPageScrollsSidewaysOnAPhone() => browser.RunAsync(nameof(NoPageScrollsSidewaysOnAPhone), async page =>
    {
        var app = browser.App;
        var staff = await app.CreateUserAsync(LongEmail(app), staff: true);
        var post = await app.CreatePostAsync(staff, title: _longWord[..100], content: _longWord + " " + string.Concat(Enumerable.Repeat("가나다라마바사", 40)));
        await app.CreatePostAsync(staff, title: string.Concat(Enumerable.Repeat("띄어쓰기없는아주긴제목", 9)), content: "https://example.com/" + _longWord);
        await app.WithDbAsync(db =>
        {
            db.AdminLog.Add(new AdminLogEntry
            {
                At = app.Clock.GetUtcNow().UtcDateTime,
                ActorId = staff.Id,
                ActorEmail = staff.Email!,
                ObjectType = "post",
                ObjectId = post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ObjectLabel = post.Title,
                Action = "change",
                Summary = "Changed " + _longWord,
            });
            return db.SaveChangesAsync();
        });
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);

        string[] anonymous =
        [
            "/", $"/posts/{post.Id}", $"/authors/{staff.Id}", "/search?q=Unbroken", "/search?q=가나다라마바사", "/login", "/register",
            "/password/forgot", "/no/such/page",
        ];
        foreach (var url in anonymous)
        {
            await AssertNoSidewaysScrollAsync(page, url);
        }

        await SignInAsync(page, staff);
        string[] signedIn =
        [
            "/", $"/posts/{post.Id}", "/write", $"/posts/{post.Id}/edit", $"/posts/{post.Id}/delete", "/account", "/account/two-factor",
            "/admin", "/admin/users", $"/admin/users/{staff.Id}", $"/admin/users/{staff.Id}/password", "/admin/posts", $"/admin/posts/{post.Id}",
            "/admin/posts/new", $"/admin/posts/{post.Id}/delete", "/no/such/page", "/admin/posts",
        ];
        foreach (var url in signedIn)
        {
            await AssertNoSidewaysScrollAsync(page, url);
        }

        await SaveScreenshotAsync(page, "look-admin-posts-phone.png");

        // On a wide screen the admin tables wrap long titles and emails instead of scrolling.
        await page.SetViewportSizeAsync(1280, 800);
        foreach (var url in new[] { "/admin", "/admin/users", "/admin/posts" })
        {
            await page.GotoAsync(url);
            Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth)"), url);
        }

        await SaveScreenshotAsync(page, "look-admin-posts-wide.png");
    });

    [Fact]
    public Task ThePhoneMenuReachesTheAccountAndLogsOut() => browser.RunAsync(nameof(ThePhoneMenuReachesTheAccountAndLogsOut), async page =>
    {
        var user = await browser.App.CreateUserAsync(LongEmail(browser.App));
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(page, user);
        await page.GotoAsync("/");

        var toggle = page.Locator("#nav-toggle");
        await Expect(toggle).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-account")).ToBeHiddenAsync();
        var header = await page.Locator(".site-header").BoundingBoxAsync();
        Assert.True(header!.Height < 80, $"The phone header is one row, not {header.Height} px of wrapped links.");

        await toggle.ClickAsync();
        await Expect(page.Locator("#nav-account")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-user")).ToHaveTextAsync(user.DisplayName);
        var menu = await page.Locator("#nav-menu").BoundingBoxAsync();
        Assert.True(menu!.X >= 0 && menu.X + menu.Width <= PhoneWidth, "The open menu fits the screen.");
        await page.Locator("#nav-account").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));

        await page.Locator("#nav-toggle").ClickAsync();
        await page.Locator("#nav-logout").ClickAsync();
        await Expect(page.Locator("#nav-toggle")).ToBeVisibleAsync();
        await page.Locator("#nav-toggle").ClickAsync();
        await Expect(page.Locator("#nav-login")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-account")).ToHaveCountAsync(0);

        // Escape closes the menu again; on a wide screen there is no button and the links are a row.
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#nav-login")).ToBeHiddenAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await Expect(page.Locator("#nav-toggle")).ToBeHiddenAsync();
        await Expect(page.Locator("#nav-login")).ToBeVisibleAsync();
    });

    [Theory]
    [InlineData("dark")]
    [InlineData("light")]
    public Task TextIsReadableInDarkAndLightMode(string scheme) => browser.RunAsync(nameof(TextIsReadableInDarkAndLightMode) + "-" + scheme, async page =>
    {
        var post = await browser.App.CreatePostAsync(await browser.App.CreateUserAsync(), "Colours", "Readable in both schemes.");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await page.SetViewportSizeAsync(1280, 800);

        await page.GotoAsync("/");
        var background = await page.EvaluateAsync<double>(ContrastScript.Luminance, "body");
        Assert.True(scheme == "dark" ? background < 0.05 : background > 0.9, $"{scheme}: the page's background luminance is {background}.");
        await AssertReadableAsync(page, "body", ".posts h2 a", ".post-meta", "#nav-posts", "#nav-register", "#language-switch button[value=ko]", "#language-switch button[value=en]");

        await page.GotoAsync($"/posts/{post.Id}");
        await AssertReadableAsync(page, "#post-content", "#back-to-posts");
        await page.GotoAsync("/login");
        await AssertReadableAsync(page, "label", ".hint", "#login-submit", "#email");

        await page.GotoAsync("/");
        await SaveScreenshotAsync(page, $"look-{scheme}.png");
    });

    [Fact]
    public Task TheFooterSwitchesTheLanguageAndStaysOnThePage() => browser.RunAsync(nameof(TheFooterSwitchesTheLanguageAndStaysOnThePage), async page =>
    {
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await page.GotoAsync("/register?returnUrl=%2Fwrite");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#nav-toggle")).ToHaveTextAsync("Menu");

        await page.Locator("#language-switch button[value=ko]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/register\\?returnUrl=%2Fwrite$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Expect(page.Locator("#nav-toggle")).ToHaveTextAsync("메뉴");
        await Expect(page.Locator("#language-switch button[value=ko]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("#nav-toggle").ClickAsync();
        await Expect(page.Locator("#nav-login")).ToHaveTextAsync("로그인");
        await Expect(page.Locator("#nav-register")).ToHaveTextAsync("회원가입");
        await page.Keyboard.PressAsync("Escape");
        await AssertNoSidewaysScrollAsync(page, null);

        await page.Locator("#language-switch button[value=en]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/register\\?returnUrl=%2Fwrite$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#nav-toggle")).ToHaveTextAsync("Menu");
    });

    private static string LongEmail(JwtBlogApp app) =>
        "a-rather-long-local-part-that-never-seems-to-end-" + app.NewEmail("x").Replace("@example.com", "@subdomain.of-a-very-long-domain-name.example.com", StringComparison.Ordinal);

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string? url)
    {
        if (url is not null)
        {
            await page.GotoAsync(url);
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{url ?? page.Url} scrolls sideways at {widths[1]} px: {widths[0]} px wide.");
    }

    // Kept beside the test output for a person to look at, never in the repository.
    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }

    private static async Task AssertReadableAsync(IPage page, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            var ratio = await page.EvaluateAsync<double>(ContrastScript.Ratio, selector);
            Assert.True(ratio >= 4.5, $"{page.Url} {selector}: contrast {ratio:F2}:1 is under 4.5:1.");
        }
    }

    // Signs in through the API in the page's context (its cookies); staff finish the two-step login with a code.
    internal static async Task SignInAsync(IPage page, AppUser user, JwtBlogApp app)
    {
        var enrolment = user.IsStaff ? app.SecondFactors.Find(user) ?? await app.SecondFactors.EnrolAsync(user) : null;
        var response = await page.Context.APIRequest.PostAsync("/accounts/login/", new APIRequestContextOptions { DataObject = new { email = user.Email, password = JwtBlogApp.Password } });
        Assert.True(response.Ok, await response.TextAsync());
        if (enrolment is not null)
        {
            var token = (await response.JsonAsync())!.Value.GetProperty("mfa_token").GetString();
            response = await page.Context.APIRequest.PostAsync("/accounts/login/mfa/", new APIRequestContextOptions { DataObject = new { mfa_token = token, code = enrolment.NextRecoveryCode() } });
            Assert.True(response.Ok, await response.TextAsync());
        }
    }

    private Task SignInAsync(IPage page, AppUser user) => SignInAsync(page, user, browser.App);
}
