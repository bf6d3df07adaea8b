using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Blog;

// The API keeps the Markdown source in content and adds its rendering, content_html; POST /blog/preview/ renders a
// draft by the same rules as a post's content.
public sealed class PostMarkdownApiTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Markdown = "Hello *world* <script>alert(1)</script> [x](javascript:alert(1))";
    private const string Html = "<p>Hello <em>world</em> &lt;script&gt;alert(1)&lt;/script&gt; x</p>\n";

    [Fact]
    public async Task EveryPostAnswerHasTheSourceAndItsHtml()
    {
        var author = await app.SignInAsync();

        var created = await author.Client.PostAsJsonAsync("/blog/", new { title = "Markdown", content = Markdown });
        var post = (await created.ReadJsonAsync())["post"]!;
        var id = (int)post["id"]!;
        Assert.Equal(Markdown, (string)post["content"]!);
        Assert.Equal(Html, (string)post["content_html"]!);

        var single = await app.CreateBrowser().GetAsync($"/blog/{id}/");
        Assert.Equal(Html, (string)(await single.ReadJsonAsync())["content_html"]!);

        var list = await (await app.CreateBrowser().GetAsync("/blog/")).ReadJsonAsync();
        var listed = list["posts"]!.AsArray().Single(p => (int)p!["id"]! == id)!;
        Assert.Equal(Markdown, (string)listed["content"]!);
        Assert.Equal(Html, (string)listed["content_html"]!);

        var patched = await author.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { content = "## Changed" });
        Assert.Equal("<h2>Changed</h2>\n", (string)(await patched.ReadJsonAsync())["content_html"]!);
        var reread = await app.CreateBrowser().GetAsync($"/blog/{id}/");
        Assert.Equal("<h2>Changed</h2>\n", (string)(await reread.ReadJsonAsync())["content_html"]!);
    }

    [Fact]
    public async Task ContentHtmlIsReadOnly()
    {
        var author = await app.SignInAsync();

        var created = await author.Client.PostAsJsonAsync("/blog/", new { title = "T", content = "plain", content_html = "<script>x</script>" });

        Assert.Equal("<p>plain</p>\n", (string)(await created.ReadJsonAsync())["post"]!["content_html"]!);
    }

    [Fact]
    public async Task APreviewRendersTheDraftWithoutSavingIt()
    {
        var author = await app.SignInAsync();
        var before = await app.WithDbAsync(db => Task.FromResult(db.Posts.Count()));

        var response = await author.Client.PostAsJsonAsync("/blog/preview/", new { content = Markdown });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["content_html"], body.Select(p => p.Key));
        Assert.Equal(Html, (string)body["content_html"]!);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.Posts.Count())));
    }

    [Fact]
    public async Task APreviewFollowsTheContentRules()
    {
        var author = await app.SignInAsync();

        var tooLong = await author.Client.PostAsJsonAsync("/blog/preview/", new { content = new string('가', 20_001) });
        Assert.Equal("{\"content\":[\"Ensure this field has no more than 20000 characters.\"]}", await tooLong.RawJsonAsync(HttpStatusCode.BadRequest));

        var blank = await author.Client.PostAsJsonAsync("/blog/preview/", new { content = "  " });
        Assert.Equal("{\"content\":[\"This field may not be blank.\"]}", await blank.RawJsonAsync(HttpStatusCode.BadRequest));

        var missing = await author.Client.PostAsJsonAsync("/blog/preview/", new { });
        Assert.Equal("{\"content\":[\"This field is required.\"]}", await missing.RawJsonAsync(HttpStatusCode.BadRequest));

        var number = await author.Client.PostAsJsonAsync("/blog/preview/", new { content = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);

        // 20,000 characters of four-byte emoji are 40,000 UTF-16 units: still within the limit.
        var emoji = await author.Client.PostAsJsonAsync("/blog/preview/", new { content = string.Concat(Enumerable.Repeat("😀", 20_000)) });
        Assert.Equal(HttpStatusCode.OK, emoji.StatusCode);
    }

    [Fact]
    public async Task APreviewNeedsASignedInUserAndTheCsrfHeader()
    {
        var anonymous = await app.CreateBrowser().PostAsJsonAsync("/blog/preview/", new { content = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var author = await app.SignInAsync();
        author.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var forged = await author.Client.PostAsJsonAsync("/blog/preview/", new { content = "x" });
        Assert.Equal("{\"detail\":\"CSRF Failed: CSRF token missing or incorrect.\"}", await forged.RawJsonAsync(HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task PreviewsAreLimitedPerUser()
    {
        using var limited = JwtBlogApp.With(("RateLimiting:PostPreviewsPerMinutePerUser", "2"));
        var author = await limited.SignInAsync();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await author.Client.PostAsJsonAsync("/blog/preview/", new { content = "x" })).StatusCode);
        }

        var refused = await author.Client.PostAsJsonAsync("/blog/preview/", new { content = "x" });
        Assert.Equal("{\"detail\":\"Too many previews. Try again later.\"}", await refused.RawJsonAsync(HttpStatusCode.TooManyRequests));
    }
}
