using System.Text.RegularExpressions;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

// post-form.js in a real browser (Chromium) against the app on Kestrel.
public sealed class WriterBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task TheWriterShowsFieldErrorsKeepsWhatWasTypedThenOpensTheNewPost() => browser.RunAsync(nameof(TheWriterShowsFieldErrorsKeepsWhatWasTypedThenOpensTheNewPost), async page =>
    {
        var app = browser.App;
        var user = await app.CreateUserAsync();

        await page.GotoAsync("/write");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fwrite$"));
        await page.FillAsync("#email", user.Email!);
        await page.FillAsync("#password", JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await Expect(page).ToHaveURLAsync(new Regex("/write$"));

        await page.FillAsync("#title", "  Written in a browser  ");
        await page.FillAsync("#content", "   ");
        await page.ClickAsync("#post-submit");

        await Expect(page.Locator("#content-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#content-error")).ToHaveTextAsync("This field may not be blank.");
        await Expect(page.Locator("#content")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#title-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#title")).ToHaveValueAsync("  Written in a browser  ");
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.AuthorId == user.Id)));

        await page.FillAsync("#content", "First line\n<script>window.pwned = 1</script>");
        await page.ClickAsync("#post-submit");

        await Expect(page).ToHaveURLAsync(new Regex("/posts/\\d+$"));
        await Expect(page.Locator("#post-title")).ToHaveTextAsync("Written in a browser");
        await Expect(page.Locator("#post-content")).ToHaveTextAsync("First line\n<script>window.pwned = 1</script>");
        Assert.False(await page.EvaluateAsync<bool>("() => 'pwned' in window"));
    });

    [Fact]
    public Task TheEditorSavesChangesThenOpensThePost() => browser.RunAsync(nameof(TheEditorSavesChangesThenOpensThePost), async page =>
    {
        var app = browser.App;
        var user = await app.CreateUserAsync();
        var id = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var post = new Web.Features.Blog.Post { Title = "Draft", Content = "Old", AuthorId = user.Id, CreatedAt = now, UpdatedAt = now };
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });
        await page.GotoAsync($"/posts/{id}/edit");
        await page.FillAsync("#email", user.Email!);
        await page.FillAsync("#password", JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await Expect(page).ToHaveURLAsync(new Regex($"/posts/{id}/edit$"));
        await Expect(page.Locator("#title")).ToHaveValueAsync("Draft");

        await page.FillAsync("#title", new string('t', 100));
        await page.FillAsync("#content", "New\ncontent");
        await page.ClickAsync("#post-submit");

        await Expect(page).ToHaveURLAsync(new Regex($"/posts/{id}$"));
        await Expect(page.Locator("#post-title")).ToHaveTextAsync(new string('t', 100));
        await Expect(page.Locator("#post-content")).ToHaveTextAsync("New\ncontent");
    });

    [Fact]
    public Task TextPastTheLimitIsRefusedVisiblyNeverCutAndUnderTheLimitItPublishes() => browser.RunAsync(nameof(TextPastTheLimitIsRefusedVisiblyNeverCutAndUnderTheLimitItPublishes), async page =>
    {
        var app = browser.App;
        var user = await app.CreateUserAsync();
        var writes = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/blog/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref writes);
            }
        };

        await page.GotoAsync("/write");
        await page.FillAsync("#email", user.Email!);
        await page.FillAsync("#password", JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await Expect(page).ToHaveURLAsync(new Regex("/write$"));

        await page.FillAsync("#title", "A long one");
        await Expect(page.Locator("#title-counter")).ToHaveTextAsync("10 / 100 characters");
        await page.Locator("#content").FocusAsync();
        await page.Keyboard.InsertTextAsync(new string('가', 25_000));

        await Expect(page.Locator("#content-counter")).ToHaveTextAsync(new Regex("^5000 characters too many"));
        await Expect(page.Locator("#content-counter")).ToHaveAttributeAsync("aria-live", "polite");
        Assert.Equal(25_000, await page.EvaluateAsync<int>("() => document.getElementById('content').value.length"));

        await page.ClickAsync("#post-submit");
        await Expect(page.Locator("#content-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#content-error")).ToHaveTextAsync(new Regex("^5000 characters too many"));
        await Expect(page.Locator("#post-form-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/write$"));
        Assert.Equal(25_000, await page.EvaluateAsync<int>("() => document.getElementById('content').value.length"));
        Assert.Equal(0, writes);
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.AuthorId == user.Id)));

        // 20,000 emoji are 40,000 UTF-16 units but 20,000 characters, as the server counts: within the limit.
        await page.FillAsync("#content", string.Concat(Enumerable.Repeat("😀", 20_000)));
        await Expect(page.Locator("#content-counter")).ToHaveTextAsync("20000 / 20000 characters");
        await page.ClickAsync("#post-submit");

        await Expect(page).ToHaveURLAsync(new Regex("/posts/\\d+$"));
        var stored = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.AuthorId == user.Id));
        Assert.Equal(40_000, stored.Content.Length);
    });

    [Fact]
    public Task ThePreviewShowsTheServersRendering() => browser.RunAsync(nameof(ThePreviewShowsTheServersRendering), async page =>
    {
        var app = browser.App;
        var user = await app.CreateUserAsync();
        await page.GotoAsync("/write");
        await page.FillAsync("#email", user.Email!);
        await page.FillAsync("#password", JwtBlogApp.Password);
        await page.ClickAsync("#login-submit");
        await Expect(page).ToHaveURLAsync(new Regex("/write$"));

        await page.FillAsync("#content", "# Hello\n\n*there* <img src=x onerror=\"window.pwned=1\"> [x](javascript:window.pwned=1)");
        await page.ClickAsync("#preview-tab");

        await Expect(page.Locator("#post-preview h1")).ToHaveTextAsync("Hello");
        await Expect(page.Locator("#post-preview em")).ToHaveTextAsync("there");
        await Expect(page.Locator("#content")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("#post-preview img, #post-preview a").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => 'pwned' in window"));

        await page.ClickAsync("#write-tab");
        await Expect(page.Locator("#content")).ToBeVisibleAsync();
        await Expect(page.Locator("#post-preview")).ToBeHiddenAsync();
    });
}
