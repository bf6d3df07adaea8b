using System.Text.RegularExpressions;
using JwtBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Blog;

// post-form.js in a real browser (Chromium) against the app on Kestrel. Without Chromium these tests are skipped,
// unless JWTBLOG_REQUIRE_BROWSER=1 (as in .ci/run) makes that a failure.
public sealed class WriterBrowserTests(WriterBrowserTests.BrowserApp app) : IClassFixture<WriterBrowserTests.BrowserApp>
{
    [Fact]
    public async Task TheWriterShowsFieldErrorsKeepsWhatWasTypedThenOpensTheNewPost()
    {
        var user = await app.CreateUserAsync();
        var (page, errors) = await app.NewPageAsync();

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
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheEditorSavesChangesThenOpensThePost()
    {
        var user = await app.CreateUserAsync();
        var id = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var post = new Web.Features.Blog.Post { Title = "Draft", Content = "Old", AuthorId = user.Id, CreatedAt = now, UpdatedAt = now };
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });
        var (page, errors) = await app.NewPageAsync();
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
        Assert.Empty(errors);
    }

    public sealed class BrowserApp : JwtBlogApp, IAsyncLifetime
    {
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        public BrowserApp() => UseKestrel(0);

        private static string ChromiumPath => Environment.GetEnvironmentVariable("JWTBLOG_CHROMIUM") ?? "/usr/bin/chromium";

        public async ValueTask InitializeAsync()
        {
            if (!File.Exists(ChromiumPath))
            {
                return;
            }

            StartServer();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
        }

        // A fresh browser context (no cookies) and the script errors it reports, CSP violations included. Failed
        // requests are left out: the API's 400 is one, the missing /favicon.ico another.
        public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
        {
            if (_browser is null)
            {
                Assert.False(Environment.GetEnvironmentVariable("JWTBLOG_REQUIRE_BROWSER") == "1", $"No Chromium at {ChromiumPath}.");
                Assert.Skip($"No Chromium at {ChromiumPath}.");
            }

            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var context = await _browser.NewContextAsync(new() { BaseURL = address });
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
            return (page, errors);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            await base.DisposeAsync();
        }
    }
}
