using System.Net;
using System.Xml.Linq;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.People;

// Atom 1.0 (RFC 4287): the feed has id, title, updated, an author and links; every entry has id, title, updated,
// a link and content. Checked on the parsed document, not on text.
public sealed class AtomFeedTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private static readonly XNamespace _atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task TheSiteFeedHasTheTwentyNewestPostsAsValidAtom()
    {
        var author = await app.CreateUserAsync();
        var ids = await app.InsertPostsAsync(25, author.Id, "Feed post");
        var escaped = await app.CreatePostAsync(author, "<b>Tags & ampersands</b>", "First line\nsecond <script>x</script>\n\nNext paragraph");

        var (response, feed) = await GetFeedAsync("/feed.atom");

        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        AssertValidFeed(feed, "http://localhost/feed.atom", "http://localhost/");
        var entries = feed.Elements(_atom + "entry").ToList();
        Assert.Equal(20, entries.Count);
        Assert.Equal(
            new[] { escaped.Id }.Concat(ids.AsEnumerable().Reverse().Take(19)).Select(id => $"http://localhost/posts/{id}"),
            entries.Select(e => e.Element(_atom + "id")!.Value));

        var first = entries[0];
        Assert.Equal("<b>Tags & ampersands</b>", first.Element(_atom + "title")!.Value);
        Assert.Equal(author.DisplayName, first.Element(_atom + "author")!.Element(_atom + "name")!.Value);
        Assert.Null(first.Element(_atom + "author")!.Element(_atom + "email"));
        var content = first.Element(_atom + "content")!;
        Assert.Equal("html", content.Attribute("type")!.Value);
        Assert.Equal("<p>First line\nsecond &lt;script&gt;x&lt;/script&gt;</p>\n<p>Next paragraph</p>\n", content.Value);
    }

    [Fact]
    public async Task AnAuthorsFeedHasOnlyTheirPostsUnderTheirDisplayName()
    {
        var author = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var mine = await app.CreatePostAsync(author, "Mine");
        await app.CreatePostAsync(other, "Theirs");

        var (_, feed) = await GetFeedAsync($"/authors/{author.Id}/feed.atom");

        AssertValidFeed(feed, $"http://localhost/authors/{author.Id}/feed.atom", $"http://localhost/authors/{author.Id}");
        Assert.Equal(author.DisplayName, feed.Element(_atom + "author")!.Element(_atom + "name")!.Value);
        Assert.Contains(author.DisplayName, feed.Element(_atom + "title")!.Value, StringComparison.Ordinal);
        var entry = Assert.Single(feed.Elements(_atom + "entry"));
        Assert.Equal($"http://localhost/posts/{mine.Id}", entry.Element(_atom + "id")!.Value);
    }

    [Fact]
    public async Task AnEmptyAuthorFeedIsStillValidAndADeletedAuthorsEntryFallsBackToTheFeedAuthor()
    {
        var quiet = await app.CreateUserAsync();
        var (_, empty) = await GetFeedAsync($"/authors/{quiet.Id}/feed.atom");
        AssertValidFeed(empty, $"http://localhost/authors/{quiet.Id}/feed.atom", $"http://localhost/authors/{quiet.Id}");
        Assert.Empty(empty.Elements(_atom + "entry"));

        var orphan = await app.CreatePostAsync(null, "Orphaned");
        var (_, site) = await GetFeedAsync("/feed.atom");
        var entry = site.Elements(_atom + "entry").Single(e => e.Element(_atom + "id")!.Value.EndsWith($"/posts/{orphan.Id}", StringComparison.Ordinal));
        Assert.Null(entry.Element(_atom + "author"));
        Assert.NotNull(site.Element(_atom + "author")!.Element(_atom + "name"));
    }

    [Fact]
    public async Task TheLayoutAdvertisesTheSiteFeed()
    {
        var page = await Html.GetDocumentAsync(app.CreateBrowser(), "/");

        var link = page.QuerySelector("head link[rel=alternate][type='application/atom+xml']")!;
        Assert.Equal("/feed.atom", link.GetAttribute("href"));
    }

    [Fact]
    public async Task FeedLinksUseThePublicBaseUrl()
    {
        await using var configured = JwtBlogApp.With(("App:PublicBaseUrl", "https://blog.example.com"));
        var (_, feed) = await GetFeedAsync(configured, "/feed.atom");

        Assert.Equal("https://blog.example.com/feed.atom", feed.Element(_atom + "id")!.Value);
    }

    private Task<(HttpResponseMessage, XElement)> GetFeedAsync(string path) => GetFeedAsync(app, path);

    private static async Task<(HttpResponseMessage, XElement)> GetFeedAsync(JwtBlogApp target, string path)
    {
        var response = await target.CreateBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(_atom + "feed", document.Root!.Name);
        return (response, document.Root);
    }

    private static void AssertValidFeed(XElement feed, string self, string alternate)
    {
        Assert.Equal(self, feed.Element(_atom + "id")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(_atom + "title")!.Value));
        AssertTimestamp(feed.Element(_atom + "updated"));
        Assert.Equal(self, Link(feed, "self"));
        Assert.Equal(alternate, Link(feed, "alternate"));
        Assert.NotNull(feed.Element(_atom + "author")?.Element(_atom + "name"));
        foreach (var entry in feed.Elements(_atom + "entry"))
        {
            Assert.True(Uri.IsWellFormedUriString(entry.Element(_atom + "id")!.Value, UriKind.Absolute));
            Assert.NotNull(entry.Element(_atom + "title"));
            AssertTimestamp(entry.Element(_atom + "updated"));
            AssertTimestamp(entry.Element(_atom + "published"));
            Assert.Equal(entry.Element(_atom + "id")!.Value, Link(entry, "alternate"));
            Assert.NotNull(entry.Element(_atom + "content"));
        }
    }

    // RFC 3339 date-time, in UTC.
    private static void AssertTimestamp(XElement? element)
    {
        Assert.NotNull(element);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", element.Value);
    }

    private static string? Link(XElement parent, string rel) =>
        parent.Elements(_atom + "link").SingleOrDefault(l => l.Attribute("rel")?.Value == rel)?.Attribute("href")?.Value;
}
