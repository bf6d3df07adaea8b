using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using JwtBlog.Web.Features.Shared.Time;

namespace JwtBlog.Tests.People;

// Times are shown in the reader's zone: the tz cookie (the browser's Intl zone), else UTC for English and Asia/Seoul
// for Korean; recent ones relative to the app's clock, older ones as a date.
public sealed class ReaderTimeTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task ARecentPostReadsMinutesAgoInBothLanguagesAndMovesWithTheClock()
    {
        var post = await app.CreatePostAsync(await app.CreateUserAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal("3 minutes ago", await CreatedTextAsync(post.Id, "en"));
        Assert.Equal("3분 전", await CreatedTextAsync(post.Id, "ko"));

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("2 hours ago", await CreatedTextAsync(post.Id, "en"));
        Assert.Equal("2시간 전", await CreatedTextAsync(post.Id, "ko"));

        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal("3 days ago", await CreatedTextAsync(post.Id, "en"));
        Assert.Equal("3일 전", await CreatedTextAsync(post.Id, "ko"));
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task AnOldPostShowsItsDateInUtcForEnglishAndSeoulForKoreanByDefault()
    {
        var post = await CreatePostAtAsync(new DateTime(2020, 3, 4, 20, 30, 0, DateTimeKind.Utc));

        Assert.Equal("Mar 4, 2020, 20:30", await CreatedTextAsync(post, "en"));
        Assert.Equal("2020년 3월 5일 05:30", await CreatedTextAsync(post, "ko"));
        var time = (await OpenAsync(post, "en")).Meta.QuerySelector("time.post-created")!;
        Assert.Equal("2020-03-04T20:30:00Z", time.GetAttribute("datetime"));
        Assert.Contains("(UTC)", time.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/New_York", "Mar 4, 2020, 15:30")]
    [InlineData("America%2FNew_York", "Mar 4, 2020, 15:30")]
    [InlineData("Nowhere/Atlantis", "Mar 4, 2020, 20:30")]
    [InlineData("../../etc/passwd", "Mar 4, 2020, 20:30")]
    [InlineData("", "Mar 4, 2020, 20:30")]
    public async Task TheZoneCookieIsUsedWhenTheSystemKnowsTheZoneAndIgnoredOtherwise(string zone, string expected)
    {
        var post = await CreatePostAtAsync(new DateTime(2020, 3, 4, 20, 30, 0, DateTimeKind.Utc));

        Assert.Equal(expected, await CreatedTextAsync(post, "en", zone));
    }

    [Fact]
    public async Task TheHomePageListRendersInTheReadersZoneAndTheCurrentMinute()
    {
        var post = await CreatePostAtAsync(new DateTime(2020, 3, 4, 20, 30, 0, DateTimeKind.Utc));

        Assert.Equal("Mar 4, 2020, 20:30", await HomeCreatedTextAsync(post, null));
        Assert.Equal("Mar 5, 2020, 05:30", await HomeCreatedTextAsync(post, "Asia/Seoul"));
        Assert.Equal("Mar 4, 2020, 20:30", await HomeCreatedTextAsync(post, null));

        var recent = await app.CreatePostAsync(await app.CreateUserAsync());
        Assert.Equal("just now", await HomeCreatedTextAsync(recent.Id, null));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("5 minutes ago", await HomeCreatedTextAsync(recent.Id, null));
    }

    [Fact]
    public void OnlyZoneNamesTheSystemKnowsAreAccepted()
    {
        Assert.Equal("Asia/Seoul", ReaderTime.FromCookie("Asia/Seoul")!.Id);
        Assert.Null(ReaderTime.FromCookie("Local"));
        Assert.Null(ReaderTime.FromCookie("/etc/localtime"));
        Assert.Null(ReaderTime.FromCookie(new string('A', 65)));
    }

    private async Task<int> CreatePostAtAsync(DateTime createdAt)
    {
        var post = await app.CreatePostAsync(await app.CreateUserAsync());
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Posts.FindAsync(post.Id);
            db.Entry(stored!).Property(p => p.CreatedAt).CurrentValue = createdAt;
            stored!.UpdatedAt = createdAt;
            await db.SaveChangesAsync();
        });
        return post.Id;
    }

    private async Task<PostPage> OpenAsync(int postId, string language, string? zone = null)
    {
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.Add("Accept-Language", language);
        if (zone is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"tz={zone}");
        }

        return await PostPage.OpenAsync(client, postId);
    }

    private async Task<string> CreatedTextAsync(int postId, string language, string? zone = null) =>
        (await OpenAsync(postId, language, zone)).Meta.QuerySelector("time.post-created")!.TextContent;

    private async Task<string> HomeCreatedTextAsync(int postId, string? zone)
    {
        var client = app.CreateBrowser();
        if (zone is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"tz={zone}");
        }

        var page = await HomePage.OpenAsync(client);
        return page.Item(postId).QuerySelector("time.post-created")!.TextContent;
    }
}
