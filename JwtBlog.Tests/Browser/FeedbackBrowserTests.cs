using System.Net.Http.Json;
using System.Text.RegularExpressions;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

// The writer's safety nets in a real browser: the sign-in-again dialog when the session ended while writing, and the
// draft kept in localStorage.
public sealed class FeedbackBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // A sign-in hashes a password on a busy machine: the next page may take longer than an assertion's usual wait.
    private static readonly PageAssertionsToHaveURLOptions _afterSignIn = new() { Timeout = 15_000 };

    private static async Task SignInToWriteAsync(IPage page, AppUser user)
    {
        await page.GotoAsync("/login?returnUrl=%2Fwrite");
        await page.FillAsync("#email", user.Email!);
        await page.FillAsync("#password", JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await Expect(page).ToHaveURLAsync(new Regex("/write$"), _afterSignIn);
        await Expect(page.Locator("#flash")).ToHaveTextAsync("You are signed in.");
    }

    private static Task<int> DraftsStoredAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(key => key.startsWith('jwtblog:draft:')).length");

    [Fact]
    public Task A_session_ended_elsewhere_asks_to_sign_in_again_and_then_publishes_the_draft() => browser.RunAsync(nameof(A_session_ended_elsewhere_asks_to_sign_in_again_and_then_publishes_the_draft), async page =>
    {
        var app = browser.App;
        var user = await app.CreateUserAsync();
        await SignInToWriteAsync(page, user);
        await page.FillAsync("#title", "Written before the session ended");
        await page.FillAsync("#content", "Every word\nof this draft survives.");

        // Another device ends every other session of this user: the browser's refresh token is dead too.
        using var other = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var login = await other.PostAsJsonAsync(AccountsApi.Login, new { email = user.Email, password = JwtBlogApp.Password });
        var token = (await login.ReadJsonAsync())["access_token"]!.GetValue<string>();
        Assert.True((await other.SendJsonAsync(HttpMethod.Post, SessionsApi.EndOthers, bearer: token)).IsSuccessStatusCode);

        var publish = page.WaitForResponseAsync(response => response.Url.EndsWith("/blog/", StringComparison.Ordinal) && response.Request.Method == "POST");
        await page.ClickAsync("#post-submit");
        Assert.Equal(401, (await publish).Status);

        var dialog = page.Locator("#session-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("#session-heading")).ToHaveTextAsync("Sign in again");
        await Expect(dialog).Not.ToContainTextAsync(new Regex("token", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#session-email")).ToBeFocusedAsync();

        await page.FillAsync("#session-email", user.Email!);
        await page.FillAsync("#session-password", "not the password");
        await page.ClickAsync("#session-submit");
        await Expect(page.Locator("#session-error")).ToBeVisibleAsync();
        await Expect(dialog).ToBeVisibleAsync();

        await page.FillAsync("#session-password", JwtBlogApp.Password);
        await page.ClickAsync("#session-submit");

        await Expect(page).ToHaveURLAsync(new Regex("/posts/\\d+$"), _afterSignIn);
        await Expect(page.Locator("#flash")).ToHaveTextAsync("Your post has been published.");
        await Expect(page.Locator("#post-title")).ToHaveTextAsync("Written before the session ended");
        var post = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.AuthorId == user.Id));
        Assert.Equal("Every word\nof this draft survives.", post.Content);
        Assert.Equal(0, await DraftsStoredAsync(page));
    });

    [Fact]
    public Task Closing_the_dialog_keeps_the_draft_and_says_so_in_plain_words() => browser.RunAsync(nameof(Closing_the_dialog_keeps_the_draft_and_says_so_in_plain_words), async page =>
    {
        var app = browser.App;
        var user = await app.CreateUserAsync();
        await SignInToWriteAsync(page, user);
        await page.FillAsync("#title", "Kept");
        await page.FillAsync("#content", "Still here");

        // The session expires: the clock passes every lifetime of a session that was not kept.
        app.Clock.Advance(TimeSpan.FromDays(2));
        await page.ClickAsync("#post-submit");
        await Expect(page.Locator("#session-dialog")).ToBeVisibleAsync();
        await page.ClickAsync("#session-cancel");

        await Expect(page.Locator("#session-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("#post-form-error")).ToHaveTextAsync("Your session has ended. Please sign in again.");
        await Expect(page.Locator("#title")).ToHaveValueAsync("Kept");
        Assert.Equal(1, await DraftsStoredAsync(page));
    });

    [Fact]
    public Task A_draft_is_restored_after_a_reload_and_can_be_discarded() => browser.RunAsync(nameof(A_draft_is_restored_after_a_reload_and_can_be_discarded), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await SignInToWriteAsync(page, user);
        await Expect(page.Locator("#draft-notice")).ToBeHiddenAsync();
        await page.FillAsync("#title", "Half a thought");
        await page.FillAsync("#content", "To be continued");

        await page.ReloadAsync();

        await Expect(page.Locator("#draft-restored")).ToBeVisibleAsync();
        await Expect(page.Locator("#draft-restored")).ToContainTextAsync("Your unsaved draft from");
        await Expect(page.Locator("#title")).ToHaveValueAsync("Half a thought");
        await Expect(page.Locator("#content")).ToHaveValueAsync("To be continued");

        await page.ClickAsync("#draft-discard");
        await Expect(page.Locator("#draft-notice")).ToBeHiddenAsync();
        await Expect(page.Locator("#title")).ToHaveValueAsync("");
        await page.ReloadAsync();
        await Expect(page.Locator("#title")).ToHaveValueAsync("");
        await Expect(page.Locator("#draft-notice")).ToBeHiddenAsync();
        Assert.Equal(0, await DraftsStoredAsync(page));
    });

    [Fact]
    public Task The_account_page_says_in_plain_words_that_the_session_ended() => browser.RunAsync(nameof(The_account_page_says_in_plain_words_that_the_session_ended), async page =>
    {
        var user = await browser.App.CreateUserAsync();
        await SignInToWriteAsync(page, user);
        await page.GotoAsync("/account");

        browser.App.Clock.Advance(TimeSpan.FromDays(2));
        var save = page.WaitForResponseAsync(response => response.Url.EndsWith("/accounts/user/", StringComparison.Ordinal) && response.Request.Method == "PATCH");
        await page.ClickAsync("#profile-submit");
        Assert.Equal(401, (await save).Status);

        var error = page.Locator("#profile-form [data-error-for=form]");
        await Expect(error).ToHaveTextAsync("Your session has ended. Please sign in again.");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(new Regex("token", RegexOptions.IgnoreCase));
    });
}
