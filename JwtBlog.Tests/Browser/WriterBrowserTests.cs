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
}
