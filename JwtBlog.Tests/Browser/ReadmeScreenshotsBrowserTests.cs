using System.Buffers.Binary;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Blog;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

// The README's screenshots: the home page with a few posts (light and dark) and a post, rendered and checked on every
// run. JWTBLOG_WRITE_SCREENSHOTS=1 also writes them to docs/screenshots/, so ordinary runs leave the tree clean.
public sealed class ReadmeScreenshotsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Width = 1200;
    private const int Height = 820;

    [Fact]
    public Task TheHomePageAndAPostMakeTheReadmeScreenshots() => browser.RunAsync(nameof(TheHomePageAndAPostMakeTheReadmeScreenshots), async page =>
    {
        var post = await SeedPostsAsync(browser.App);
        await page.SetViewportSizeAsync(Width, Height);
        await page.Context.AddCookiesAsync([new Cookie { Name = "lang", Value = "en", Url = browser.BaseUrl }]);

        await page.GotoAsync("/");
        await Expect(page.Locator("#post-list li")).ToHaveCountAsync(_posts.Length);
        await SaveAsync(page, "home.png");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<double>(ContrastScript.Luminance, "body") < 0.05);
        await SaveAsync(page, "home-dark.png");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        await page.GotoAsync($"/posts/{post.Id}");
        await Expect(page.Locator("#post-title")).ToHaveTextAsync(_posts[^1].Title);
        await SaveAsync(page, "post.png");
    });

    private static readonly (string Title, string Content)[] _posts =
    [
        ("Notes from a week of rain", "It rained every day this week, so I finally sorted the photos from last spring. A few favourites below, and a note on how I keep them in order."),
        ("서울에서 보낸 주말", "토요일에는 북촌을 걷고, 일요일에는 한강에서 자전거를 탔어요. 날씨가 좋아서 사진도 많이 찍었어요."),
        ("Bread without a recipe", "Flour, water, salt and time. After a year of weekend loaves, here is what I stopped measuring and what I still weigh."),
        ("Why I write short posts",
            "A short post gets written. A long one waits for the perfect weekend, and that weekend never comes.\n\n" +
            "So I keep the rule simple: one idea, a few paragraphs, and a title that says what it is about. If there is more to say, it becomes the next post.\n\n" +
            "Writing in two languages helps too. Saying a thing again in Korean shows me quickly whether I meant it, or only liked the sound of it.\n\n" +
            "짧게 쓰면 끝까지 쓰게 돼요. 그게 전부예요."),
    ];

    // Fixed dates, so the pictures do not change from run to run.
    private static async Task<Post> SeedPostsAsync(JwtBlogApp app)
    {
        var author = await app.CreateUserAsync("mina@example.com");
        var first = new DateTime(2026, 3, 2, 9, 30, 0, DateTimeKind.Utc);
        var posts = _posts.Select((p, i) => new Post
        {
            Title = p.Title,
            Content = p.Content,
            AuthorId = author.Id,
            CreatedAt = first.AddDays(i * 3),
            UpdatedAt = first.AddDays(i * 3),
        }).ToList();
        await app.WithDbAsync(db =>
        {
            db.Posts.AddRange(posts);
            return db.SaveChangesAsync();
        });
        return posts[^1];
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{name}: the page scrolls sideways.");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 20_000, $"{name} is only {png.Length} bytes: an empty page?");

        var folder = Environment.GetEnvironmentVariable("JWTBLOG_WRITE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name), png);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JwtBlog.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("JwtBlog.sln not found above " + AppContext.BaseDirectory);
    }
}
