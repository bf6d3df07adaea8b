using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Blog;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Blog;

// The first page is cached in memory: every write must show on the very next request, on the API and the home page.
public sealed class FeedCacheTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task ANewPostAnEditAndADeleteShowOnTheVeryNextRequest()
    {
        var author = await app.SignInAsync();
        var anonymous = app.CreateBrowser();
        await ReadBothAsync(anonymous);

        var id = (int)(await author.Client.CreatePostAsync("Fresh post", "New content"))["id"]!;
        var (api, page) = await ReadBothAsync(anonymous);
        Assert.Equal(id, (int)api[0]!["id"]!);
        Assert.Contains($"data-post-id=\"{id}\"", page, StringComparison.Ordinal);

        (await author.Client.PatchAsJsonAsync($"/blog/{id}/", new { title = "Edited title" })).EnsureSuccessStatusCode();
        (api, page) = await ReadBothAsync(anonymous);
        Assert.Equal("Edited title", (string)api[0]!["title"]!);
        Assert.Contains("Edited title", page, StringComparison.Ordinal);

        (await author.Client.DeleteAsync($"/blog/{id}/")).EnsureSuccessStatusCode();
        (api, page) = await ReadBothAsync(anonymous);
        Assert.DoesNotContain(api, p => (int)p!["id"]! == id);
        Assert.DoesNotContain($"data-post-id=\"{id}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostsWrittenOutsideTheApiAndDeletedAuthorsShowOnTheVeryNextRequest()
    {
        var author = await app.CreateUserAsync();
        var anonymous = app.CreateBrowser();
        await ReadBothAsync(anonymous);

        var post = await app.CreatePostAsync(author, "Written by the admin pages' path");
        var (api, _) = await ReadBothAsync(anonymous);
        Assert.Equal(post.Id, (int)api[0]!["id"]!);
        Assert.Equal(author.DisplayName, (string)api[0]!["author"]!["display_name"]!);

        // A bulk delete (no SaveChanges): the foreign key sets the post's author to null.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).ExecuteDeleteAsync());
        (api, var page) = await ReadBothAsync(anonymous);
        Assert.Null(api[0]!["author"]);
        Assert.Contains("a deleted user", page, StringComparison.Ordinal);
    }

    [Fact]
    public void AReadThatStartedBeforeAWriteDoesNotStoreItsPage()
    {
        var cache = new FeedCache();
        var stale = new FeedPage([], null);
        var versionBefore = cache.Version;

        cache.Invalidate();
        cache.StoreFirstPage(20, null, versionBefore, stale);

        Assert.False(cache.TryGetFirstPage(20, null, out _));
        cache.StoreFirstPage(20, null, cache.Version, stale);
        Assert.True(cache.TryGetFirstPage(20, null, out var stored));
        Assert.Same(stale, stored);
    }

    [Fact]
    public void AnAnswerReadBeforeAWriteIsNotStoredAndAWriteEmptiesTheAnswers()
    {
        var cache = new FeedCache();
        var versionBefore = cache.Version;

        cache.Invalidate();
        cache.StoreAnswer("blog/20", versionBefore, new byte[] { 1 });
        Assert.False(cache.TryGetAnswer("blog/20", out _));

        cache.StoreAnswer("blog/20", cache.Version, new byte[] { 2 });
        Assert.True(cache.TryGetAnswer("blog/20", out var stored));
        Assert.Equal(new byte[] { 2 }, stored.ToArray());

        cache.InvalidateHere();
        Assert.False(cache.TryGetAnswer("blog/20", out _));
    }

    [Fact]
    public async Task TheCachedFirstPageIsTheSameAnswerForEveryCallerAndDeeperPagesAreNotCached()
    {
        var author = await app.SignInAsync();
        await author.Client.CreatePostAsync("Cached answer post", "Body");
        var anonymous = app.CreateBrowser();

        var first = await anonymous.GetAsync("/blog/");
        var again = await anonymous.GetAsync("/blog/");
        var signedIn = await author.Client.GetAsync("/blog/");
        Assert.Equal("application/json; charset=utf-8", again.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-store", again.Headers.CacheControl!.ToString());
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(body, await again.Content.ReadAsStringAsync());
        Assert.Equal(body, await signedIn.Content.ReadAsStringAsync());

        var limited = (await (await anonymous.GetAsync("/blog/?limit=1")).ReadJsonAsync())["posts"]!.AsArray();
        Assert.Single(limited);
    }

    [Theory]
    [InlineData("INSERT INTO \"Posts\" (\"AuthorId\") VALUES (@p0) RETURNING \"Id\";", true)]
    [InlineData("UPDATE \"Users\" SET \"Email\" = @p0 WHERE \"Id\" = @p1;", true)]
    [InlineData("DELETE FROM \"Posts\" AS \"p\" WHERE \"p\".\"Id\" = @id", true)]
    [InlineData("SELECT \"p\".\"Id\" FROM \"Posts\" AS \"p\" LEFT JOIN \"Users\" AS \"u\" ON 1", false)]
    [InlineData("UPDATE \"Sessions\" SET \"RevokedAt\" = @p0", false)]
    public void OnlyWritesToPostsOrUsersEmptyTheCache(string sql, bool changesFeed) =>
        Assert.Equal(changesFeed, FeedWriteWatcher.ChangesFeed(sql));

    private static async Task<(JsonArray Api, string Page)> ReadBothAsync(HttpClient client)
    {
        var api = (await (await client.GetAsync("/blog/")).ReadJsonAsync())["posts"]!.AsArray();
        var page = await client.GetStringAsync("/");
        return (api, page);
    }
}
