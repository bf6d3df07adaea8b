using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.People;

public sealed class AuthorPageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task AnAuthorsPageListsOnlyTheirPostsNewestFirstUnderTheirDisplayName()
    {
        var author = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var mine = await app.InsertPostsAsync(3, author.Id, "Mine");
        await app.InsertPostsAsync(2, other.Id, "Theirs");

        var page = await HomePage.OpenAsync(app.CreateBrowser(), $"/authors/{author.Id}");

        Assert.Equal(mine.AsEnumerable().Reverse(), page.PostIds);
        Assert.Equal(author.DisplayName, page.Document.QuerySelector("#author-name")!.TextContent);
        Assert.Equal($"{author.DisplayName} · JwtBlog", page.Document.Title);
        Assert.Equal($"/authors/{author.Id}/feed.atom", page.Document.QuerySelector("#author-feed")!.GetAttribute("href"));
        Assert.NotNull(page.Document.QuerySelector($"head link[rel=alternate][type='application/atom+xml'][href='/authors/{author.Id}/feed.atom']"));
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task AnAuthorsPostsArePagedByCursorWithoutGapsOrRepeats()
    {
        var author = await app.CreateUserAsync();
        var ids = await app.InsertPostsAsync(45, author.Id);
        await app.InsertPostsAsync(5, null);
        var client = app.CreateBrowser();

        var seen = new List<int>();
        var page = await HomePage.OpenAsync(client, $"/authors/{author.Id}");
        Assert.Null(page.NewestLink);
        while (true)
        {
            seen.AddRange(page.PostIds);
            if (page.OlderLink is not { } older)
            {
                break;
            }

            Assert.StartsWith($"/authors/{author.Id}?cursor=", older, StringComparison.Ordinal);
            page = await HomePage.OpenAsync(client, older);
            Assert.Equal($"/authors/{author.Id}", page.NewestLink);
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task AKoreanReaderGetsTheAuthorPageInKorean()
    {
        var author = await app.CreateUserAsync();
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.Add("Accept-Language", "ko");

        var page = await HomePage.OpenAsync(client, $"/authors/{author.Id}");

        Assert.Equal("ko", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("아직 쓴 글이 없어요.", page.Document.QuerySelector("#no-posts")!.TextContent);
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task AnUnknownIdOrADeactivatedUserWithoutPostsIsNotFoundButADeactivatedAuthorsPostsStayListed()
    {
        var client = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/authors/2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/authors/2147483647/feed.atom")).StatusCode);

        var silent = await app.CreateUserAsync(active: false);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/authors/{silent.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/authors/{silent.Id}/feed.atom")).StatusCode);

        var gone = await app.CreateUserAsync(active: false);
        var post = await app.CreatePostAsync(gone);
        Assert.Equal([post.Id], (await HomePage.OpenAsync(client, $"/authors/{gone.Id}")).PostIds);
    }

    [Fact]
    public async Task ABadCursorIsABadRequestNotAnError()
    {
        var author = await app.CreateUserAsync();

        var response = await app.CreateBrowser().GetAsync($"/authors/{author.Id}?cursor=nonsense");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostMetaLinksTheAuthorsPage()
    {
        var author = await app.CreateUserAsync();
        var post = await app.CreatePostAsync(author);

        var page = await PostPage.OpenAsync(app.CreateBrowser(), post.Id);

        var link = page.Meta.QuerySelector("a.post-author")!;
        Assert.Equal($"/authors/{author.Id}", link.GetAttribute("href"));
        Assert.Equal(author.DisplayName, link.TextContent);
    }
}
