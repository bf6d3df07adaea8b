using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Blog;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Blog;

// GET /blog/ pagination. Tests in a class run one at a time, so each sees only its own class's posts being added.
public sealed class PostListTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task TheListIsNewestFirstTwentyAtATime()
    {
        var author = await app.CreateUserAsync();
        var ids = await app.InsertPostsAsync(25, author.Id);

        var body = await (await app.CreateBrowser().GetAsync("/blog/")).ReadJsonAsync();

        var listed = Ids(body);
        Assert.Equal(PostFeed.DefaultLimit, listed.Count);
        Assert.Equal(ids.OrderDescending().Take(20), listed);
        Assert.StartsWith("/blog/?limit=20&cursor=", (string)body["next"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowingNextVisitsEveryPostOnceNewestFirstAndEndsWithNull()
    {
        await app.InsertPostsAsync(17, authorId: null);
        var all = await app.WithDbAsync(db => db.Posts.OrderByDescending(p => p.Id).Select(p => p.Id).ToListAsync());
        var client = app.CreateBrowser();

        var seen = new List<int>();
        string? next = "/blog/?limit=7";
        var pages = 0;
        while (next is not null)
        {
            var body = await (await client.GetAsync(next)).ReadJsonAsync();
            var page = Ids(body);
            Assert.InRange(page.Count, 1, 7);
            seen.AddRange(page);
            next = (string?)body["next"];
            Assert.True(++pages <= all.Count, "The cursors loop.");
        }

        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task NextIsNullExactlyWhenNothingIsLeft()
    {
        await app.InsertPostsAsync(4, authorId: null);
        var oldest = await app.WithDbAsync(db => db.Posts.OrderBy(p => p.Id).Select(p => p.Id).Take(4).ToListAsync());
        var client = app.CreateBrowser();

        // Starting below the fourth-oldest post, exactly three posts are left.
        var cursor = PostCursor.Encode(oldest[3]);
        var whole = await (await client.GetAsync($"/blog/?limit=3&cursor={cursor}")).ReadJsonAsync();
        Assert.Equal(oldest.Take(3).Reverse(), Ids(whole));
        Assert.Null((string?)whole["next"]);

        var allButOne = await (await client.GetAsync($"/blog/?limit=2&cursor={cursor}")).ReadJsonAsync();
        Assert.Equal(oldest.Skip(1).Take(2).Reverse(), Ids(allButOne));
        var last = await (await client.GetAsync((string)allButOne["next"]!)).ReadJsonAsync();
        Assert.Equal([oldest[0]], Ids(last));
        Assert.Null((string?)last["next"]);
    }

    [Fact]
    public async Task ACursorBeforeTheFirstPostGivesAnEmptyPage()
    {
        var response = await app.CreateBrowser().GetAsync($"/blog/?cursor={PostCursor.Encode(1)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"posts":[],"next":null}"""), await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task PostsWrittenOrDeletedWhileReadingNeitherRepeatNorSkipAPost()
    {
        var ids = await app.InsertPostsAsync(6, authorId: null);
        var client = app.CreateBrowser();
        var first = await (await client.GetAsync("/blog/?limit=3")).ReadJsonAsync();
        Assert.Equal(ids.OrderDescending().Take(3), Ids(first));

        // A new post on top and the post the cursor points at deleted: an OFFSET would now skip or repeat one.
        await app.InsertPostsAsync(1, authorId: null, prefix: "Newer");
        var cursorPost = Ids(first)[^1];
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == cursorPost).ExecuteDeleteAsync());

        var second = await (await client.GetAsync((string)first["next"]!)).ReadJsonAsync();
        Assert.Equal(ids.OrderDescending().Skip(3).Take(3), Ids(second));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("007", 7)]
    public async Task AnyLimitFromOneToAHundredIsAccepted(string limit, int expected)
    {
        var count = await app.WithDbAsync(db => db.Posts.CountAsync());
        await app.InsertPostsAsync(Math.Max(1, 101 - count), authorId: null);

        var body = await (await app.CreateBrowser().GetAsync($"/blog/?limit={limit}")).ReadJsonAsync();

        Assert.Equal(expected, Ids(body).Count);
        Assert.StartsWith($"/blog/?limit={expected}&cursor=", (string)body["next"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=0", "Ensure this value is greater than or equal to 1.")]
    [InlineData("limit=-1", "A valid integer is required.")]
    [InlineData("limit=101", "Ensure this value is less than or equal to 100.")]
    [InlineData("limit=2147483648", "A valid integer is required.")]
    [InlineData("limit=abc", "A valid integer is required.")]
    [InlineData("limit=", "A valid integer is required.")]
    [InlineData("limit=1.5", "A valid integer is required.")]
    [InlineData("limit=%205", "A valid integer is required.")]
    [InlineData("limit=1e2", "A valid integer is required.")]
    [InlineData("limit=5&limit=6", "A valid integer is required.")]
    public async Task ABadLimitIs400(string query, string message)
    {
        var response = await app.CreateBrowser().GetAsync($"/blog/?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var expected = new JsonObject { ["limit"] = new JsonArray(message) };
        Assert.True(JsonNode.DeepEquals(expected, await response.ReadJsonAsync()));
    }

    public static TheoryData<string> TamperedCursors => new()
    {
        "",
        "abc",
        "!!!!",
        "%00",
        B64("before:abc"),
        B64("before:0"),
        B64("before:-5"),
        B64("before:+5"),
        B64("before: 5"),
        B64("before:5 "),
        B64("after:5"),
        B64("before:99999999999"),
        B64("before:5") + "=",
        Convert.ToBase64String(Encoding.ASCII.GetBytes("before:5")),
        PostCursor.Encode(5) + "&cursor=" + PostCursor.Encode(6),
        new string('A', 5000),
    };

    [Theory]
    [MemberData(nameof(TamperedCursors))]
    public async Task ATamperedCursorIs400(string cursor)
    {
        var escaped = cursor.Contains("&cursor=", StringComparison.Ordinal) ? cursor : Uri.EscapeDataString(cursor);
        if (cursor == "%00")
        {
            escaped = cursor;
        }

        var response = await app.CreateBrowser().GetAsync($"/blog/?cursor={escaped}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cursor":["Invalid cursor."]}"""), await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task BadLimitAndCursorAreReportedTogether()
    {
        var response = await app.CreateBrowser().GetAsync("/blog/?limit=500&cursor=nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["limit", "cursor"], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task CursorsAreOpaqueAndRoundTrip()
    {
        Assert.True(PostCursor.TryDecode(PostCursor.Encode(123), out var id));
        Assert.Equal(123, id);
        Assert.True(PostCursor.TryDecode(PostCursor.Encode(int.MaxValue), out var max));
        Assert.Equal(int.MaxValue, max);
        Assert.DoesNotContain("123", PostCursor.Encode(123), StringComparison.Ordinal);
        Assert.All(
            new[] { PostCursor.Encode(1), PostCursor.Encode(int.MaxValue) },
            c => Assert.Equal(c, Uri.EscapeDataString(c)));
    }

    private static List<int> Ids(JsonNode body) => [.. body["posts"]!.AsArray().Select(p => (int)p!["id"]!)];

    private static string B64(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
}
