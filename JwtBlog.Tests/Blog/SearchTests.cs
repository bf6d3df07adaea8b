using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Blog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace JwtBlog.Tests.Blog;

// /search over the FTS5 index: titles and contents, newest first, keyset paged, matches marked without ever reading
// a post's text as markup; the index follows every write and is filled by its migration.
public sealed class SearchTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task SearchFindsTitlesAndContentsNewestFirstWithTheMatchesMarked()
    {
        var marker = Marker();
        var byTitle = await app.CreatePostAsync(null, $"About {marker} today", "Nothing else");
        var byContent = await app.CreatePostAsync(null, "Plain", $"Some words, then {marker.ToUpperInvariant()}s and more");
        await app.CreatePostAsync(null, "Unrelated", "Unrelated");

        var page = await SearchAsync(marker);

        Assert.Equal([byContent.Id, byTitle.Id], Ids(page));
        var first = Item(page, byTitle.Id);
        Assert.Equal($"/posts/{byTitle.Id}", first.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal(marker, first.QuerySelector("h3 a mark")!.TextContent);
        Assert.Equal($"{marker.ToUpperInvariant()}s", Item(page, byContent.Id).QuerySelector(".post-excerpt mark")!.TextContent);
    }

    [Fact]
    public async Task HostileTextInResultsIsShownAsText()
    {
        var marker = Marker();
        var post = await app.CreatePostAsync(
            null, $"<script>alert(1)</script> {marker} <img src=x onerror=alert(1)>", $"<b>{marker}</b> \uE001 stray \uE000 markers &amp; <i>more");

        var page = await SearchAsync(marker);

        var item = Item(page, post.Id);
        Assert.Empty(page.QuerySelectorAll("main script, main img, main b, main i"));
        Assert.Equal($"<script>alert(1)</script> {marker} <img src=x onerror=alert(1)>", item.QuerySelector("h3 a")!.TextContent);
        Assert.Contains("<b>", item.QuerySelector(".post-excerpt")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("&amp;", item.QuerySelector(".post-excerpt")!.TextContent, StringComparison.Ordinal);
        Assert.All(item.QuerySelectorAll("mark"), m => Assert.Empty(m.Children));
        Assert.Equal(marker, item.QuerySelector(".post-excerpt mark")!.TextContent);
    }

    [Fact]
    public async Task PagesWalkEveryMatchOnce()
    {
        var marker = Marker();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var posts = Enumerable.Range(0, 45).Select(i => new Post { Title = $"{marker} {i}", Content = "c", CreatedAt = now, UpdatedAt = now }).ToList();
        await app.WithDbAsync(db =>
        {
            db.Posts.AddRange(posts);
            return db.SaveChangesAsync();
        });

        var seen = new List<int>();
        var url = $"/search?q={marker}";
        var pages = 0;
        while (url is not null)
        {
            var page = await Html.GetDocumentAsync(app.CreateBrowser(), url);
            seen.AddRange(Ids(page));
            pages++;
            url = page.QuerySelector("#search-older")?.GetAttribute("href");
        }

        Assert.Equal(3, pages);
        Assert.Equal(posts.Select(p => p.Id).OrderDescending(), seen);
    }

    [Fact]
    public async Task KoreanIsFoundByTheStartOfAWord()
    {
        var marker = Marker();
        var post = await app.CreatePostAsync(null, "안녕하세요 여러분", $"서울에서 만나요 {marker}");

        Assert.Contains(post.Id, Ids(await SearchAsync("안녕")));
        Assert.Contains(post.Id, Ids(await SearchAsync($"서울 {marker}")));
        Assert.Equal("안녕하세요", Item(await SearchAsync($"안녕 {marker}"), post.Id).QuerySelector("h3 mark")!.TextContent);
        Assert.Empty(Ids(await SearchAsync($"부산 {marker}")));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(a b) OR title:x AND")]
    [InlineData("* ^ ( ) - + :")]
    [InlineData("\"unclosed")]
    [InlineData("a\"b\"*")]
    public async Task NoQueryIsEverA500(string query)
    {
        var response = await app.CreateBrowser().GetAsync($"/search?q={Uri.EscapeDataString(query)}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
    }

    [Fact]
    public async Task AnEmptyQueryShowsTheFormAndAnUnsearchableOneSaysWhy()
    {
        var empty = await Html.GetDocumentAsync(app.CreateBrowser(), "/search?q=+");
        Assert.NotNull(empty.QuerySelector("form#search-form input#q"));
        Assert.Null(empty.QuerySelector("#search-results, #search-empty, #search-problem"));

        var punctuation = await app.CreateBrowser().GetAsync("/search?q=%22*()");
        Assert.Equal(HttpStatusCode.BadRequest, punctuation.StatusCode);
        Assert.Equal("Type at least one letter or number to search.", (await Html.ParseAsync(punctuation)).QuerySelector("#search-problem")!.TextContent);

        var tooLong = await app.CreateBrowser().GetAsync($"/search?q={new string('a', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("Search for at most 200 characters.", (await Html.ParseAsync(tooLong)).QuerySelector("#search-problem")!.TextContent);

        var badCursor = await app.CreateBrowser().GetAsync("/search?q=a&cursor=tampered");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);

        var none = await SearchAsync(Marker());
        Assert.NotNull(none.QuerySelector("#search-empty"));
    }

    [Fact]
    public async Task TheIndexFollowsCreatesEditsAndDeletes()
    {
        var author = await app.SignInAsync();
        var before = Marker();
        var after = Marker();
        var id = (int)(await author.Client.CreatePostAsync("Indexed", $"first {before}"))["id"]!;
        Assert.Equal([id], Ids(await SearchAsync(before)));

        await author.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { content = $"second {after}" });
        Assert.Empty(Ids(await SearchAsync(before)));
        Assert.Equal([id], Ids(await SearchAsync(after)));

        await author.Client.SendJsonAsync(HttpMethod.Delete, $"/blog/{id}/");
        Assert.Empty(Ids(await SearchAsync(after)));
        var integrity = await app.WithDbAsync(db => TestDatabase.IsPostgres
            ? db.Database.SqlQueryRaw<int>(
                """SELECT COUNT(*)::int AS "Value" FROM "Posts" WHERE to_tsvector('simple'::regconfig, "Title" || ' ' || "Content") @@ to_tsquery('simple', {0})""",
                $"'{after}'").ToListAsync()
            : db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM PostsSearch WHERE PostsSearch MATCH {0}", $"\"{after}\"").ToListAsync());
        Assert.Equal(0, Assert.Single(integrity));
    }

    [Fact]
    public async Task TheMigrationIndexesThePostsThatAlreadyExist()
    {
        using var fresh = new JwtBlogApp();
        var marker = Marker();
        await fresh.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_PostSearchIndex", StringComparison.Ordinal));
            await migrator.MigrateAsync(migrations[index - 1]);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"Posts\" (\"Title\", \"Content\", \"CreatedAt\", \"UpdatedAt\") VALUES ({"Old " + marker}, 'written before the index', '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
            await migrator.MigrateAsync();
        });

        var page = await Html.GetDocumentAsync(fresh.CreateBrowser(), $"/search?q={marker}");
        Assert.Single(Ids(page));
    }

    [Theory]
    [InlineData("en", "Search", "Posts matching")]
    [InlineData("ko", "검색", "검색 결과")]
    public async Task TheSearchPageSpeaksTheReadersLanguage(string language, string title, string heading)
    {
        var marker = Marker();
        await app.CreatePostAsync(null, marker);
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("Accept-Language", language);
        app.MissingTexts.Clear();

        var page = await Html.GetDocumentAsync(browser, $"/search?q={marker}");

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains(heading, page.QuerySelector("#search-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/search", page.QuerySelector("#nav-search")!.GetAttribute("href"));
        Assert.Empty(app.MissingTexts.Names);
    }

    private Task<IHtmlDocument> SearchAsync(string query) =>
        Html.GetDocumentAsync(app.CreateBrowser(), $"/search?q={Uri.EscapeDataString(query)}");

    private static List<int> Ids(IDocument page) =>
        [.. page.QuerySelectorAll("#search-results > li").Select(li => int.Parse(li.GetAttribute("data-post-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    private static IElement Item(IDocument page, int id) => page.QuerySelector($"#search-results > li[data-post-id='{id}']")!;

    private static string Marker() => "s" + Guid.NewGuid().ToString("N")[..12];
}
