using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Blog;

// The visitor's home page is served whole from the output cache (an Age header says so); nothing of a person is ever
// stored in it or served from it, and a write shows on the very next request.
public sealed class VisitorPageCacheTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task AVisitorsSecondRequestIsServedFromTheCacheAndANewPostEndsIt()
    {
        var author = await app.SignInAsync();
        var visitor = app.CreateClient();
        await GetHomeAsync(visitor);
        var (cachedAge, _) = await GetHomeAsync(visitor);
        Assert.NotNull(cachedAge);

        var id = (int)(await author.Client.CreatePostAsync("Fresh for visitors", "New content"))["id"]!;
        var (age, page) = await GetHomeAsync(visitor);
        Assert.Null(age);
        Assert.Contains($"data-post-id=\"{id}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInPageIsNeitherServedFromTheCacheNorStoredInIt()
    {
        var signedIn = await app.SignInAsync();
        var visitor = app.CreateClient();
        await GetHomeAsync(visitor);
        await GetHomeAsync(visitor);

        var (age, page) = await GetHomeAsync(signedIn.Client);
        Assert.Null(age);
        Assert.Contains(signedIn.User.DisplayName, page, StringComparison.Ordinal);

        var (_, visitorPage) = await GetHomeAsync(visitor);
        Assert.DoesNotContain(signedIn.User.DisplayName, visitorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("csrf-token", visitorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachLanguageAndTimeZoneHasItsOwnPage()
    {
        var english = app.CreateClient();
        var korean = app.CreateClient();
        korean.DefaultRequestHeaders.Add("Accept-Language", "ko");
        await GetHomeAsync(english);
        await GetHomeAsync(korean);

        var (_, englishPage) = await GetHomeAsync(english);
        var (_, koreanPage) = await GetHomeAsync(korean);
        Assert.Contains("<html lang=\"en\"", englishPage, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ko\"", koreanPage, StringComparison.Ordinal);

        var inTokyo = app.CreateClient();
        inTokyo.DefaultRequestHeaders.Add("Cookie", "tz=Asia/Tokyo");
        var (tokyoAge, _) = await GetHomeAsync(inTokyo);
        Assert.Null(tokyoAge);
    }

    [Fact]
    public async Task ARequestWithAnyOtherCookieOrAQueryIsRenderedForItself()
    {
        var visitor = app.CreateClient();
        await GetHomeAsync(visitor);
        await GetHomeAsync(visitor);

        var withCookie = app.CreateClient();
        withCookie.DefaultRequestHeaders.Add("Cookie", "my-refresh-token=not-a-token");
        Assert.Null((await GetHomeAsync(withCookie)).Age);

        using var withQuery = await visitor.GetAsync("/?limit=20");
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);
        Assert.Null(withQuery.Headers.Age);
    }

    private static async Task<(TimeSpan? Age, string Page)> GetHomeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.Age, await response.Content.ReadAsStringAsync());
    }
}
