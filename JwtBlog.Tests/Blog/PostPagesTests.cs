using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Blog;

public sealed class PostPagesTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task TheHomePageListsPostsNewestFirstEachLinkingToItsPage()
    {
        var author = await app.SignInAsync();
        var older = (int)(await author.Client.CreatePostAsync("Older post", "First"))["id"]!;
        var newer = (int)(await author.Client.CreatePostAsync("Newer post", "Second"))["id"]!;

        var page = await HomePage.OpenAsync(app.CreateBrowser());

        var ids = page.PostIds;
        Assert.True(ids.IndexOf(newer) < ids.IndexOf(older));
        Assert.Equal(ids.OrderDescending(), ids);
        var item = page.Item(newer);
        var link = Assert.IsAssignableFrom<IHtmlAnchorElement>(item.QuerySelector("h2 a"));
        Assert.Equal($"/posts/{newer}", link.GetAttribute("href"));
        Assert.Equal("Newer post", link.TextContent);
        Assert.Contains(author.User.DisplayName, item.QuerySelector(".post-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Second", item.QuerySelector(".post-excerpt")!.TextContent);
    }

    [Fact]
    public async Task TheHomePageFollowsTheSameCursorsAsTheApi()
    {
        var author = await app.CreateUserAsync();
        await app.InsertPostsAsync(5, author.Id);
        var browser = app.CreateBrowser();
        var api = await (await browser.GetAsync("/blog/?limit=2")).ReadJsonAsync();
        var apiNext = await (await browser.GetAsync((string)api["next"]!)).ReadJsonAsync();

        var first = await HomePage.OpenAsync(browser, "/?limit=2");
        Assert.Equal(ApiIds(api), first.PostIds);
        Assert.Null(first.NewestLink);
        var older = first.OlderLink!;
        Assert.Equal(((string)api["next"]!).Replace("/blog/?", "/?", StringComparison.Ordinal), older);

        var second = await HomePage.OpenAsync(browser, older);
        Assert.Equal(ApiIds(apiNext), second.PostIds);
        Assert.Equal("/", second.NewestLink);
    }

    [Fact]
    public async Task TheHomePageUsesTwentyByDefaultAndAnswers400ToABadCursor()
    {
        var author = await app.CreateUserAsync();
        await app.InsertPostsAsync(21, author.Id);
        var browser = app.CreateBrowser();

        var page = await HomePage.OpenAsync(browser);
        Assert.Equal(20, page.PostIds.Count);
        Assert.StartsWith("/?cursor=", page.OlderLink, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/?cursor=tampered")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/?limit=1000")).StatusCode);
    }

    [Fact]
    public async Task APostPageShowsTitleAuthorDatesAndContentAsMarkdownWithRawHtmlAsText()
    {
        var author = await app.SignInAsync();
        const string title = "<img src=x onerror=alert(1)> 제목";
        const string content = "\nFirst line\n<script>alert('xss')</script>\n<b>not bold</b> & *more*\n\n  second paragraph";
        var id = (int)(await author.Client.CreatePostAsync(title, content))["id"]!;

        var response = await app.CreateBrowser().GetAsync($"/posts/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = new PostPage(app.CreateBrowser(), await Html.ParseAsync(response));
        var page = post.Document;

        Assert.Equal(title, post.Title);
        var body = post.Content;
        Assert.Equal(["First line\n<script>alert('xss')</script>\n<b>not bold</b> & more", "second paragraph"],
            body.QuerySelectorAll("p").Select(p => p.TextContent));
        Assert.Equal("more", body.QuerySelector("p > em")!.TextContent);
        Assert.Contains("post-content", body.ClassList);
        Assert.Empty(page.QuerySelectorAll("main img, main script, main b"));
        Assert.All(page.Scripts.Where(s => s.Type != "application/json"), s => Assert.False(string.IsNullOrEmpty(s.Source)));
        var meta = post.Meta;
        Assert.Contains(author.User.DisplayName, meta.TextContent, StringComparison.Ordinal);
        Assert.NotNull(meta.QuerySelector("time.post-created[datetime]"));
        Assert.Equal($"{title} · JwtBlog", page.Title);
    }

    [Fact]
    public async Task AnEditedPostShowsWhenItWasEdited()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync())["id"]!;
        var browser = app.CreateBrowser();
        Assert.Null((await PostPage.OpenAsync(browser, id)).Find(".post-updated"));

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await author.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = "Edited" });

        Assert.NotNull((await PostPage.OpenAsync(browser, id)).Find("time.post-updated"));
    }

    [Fact]
    public async Task OnlyTheAuthorAndStaffSeeEditAndDelete()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync())["id"]!;
        var other = await app.SignInAsync();
        var staff = await app.SignInStaffAsync();

        foreach (var client in new[] { author.Client, staff.Client })
        {
            var page = await PostPage.OpenAsync(client, id);
            Assert.Equal($"/posts/{id}/edit", page.EditLink);
            Assert.Equal($"/posts/{id}/delete", page.DeleteLink);
        }

        foreach (var client in new[] { other.Client, app.CreateBrowser() })
        {
            var page = await PostPage.OpenAsync(client, id);
            Assert.Null(page.EditLink);
            Assert.Null(page.DeleteLink);
        }
    }

    [Fact]
    public async Task AMissingPostIs404()
    {
        var browser = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/posts/2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/posts/abc")).StatusCode);
        var signedIn = await app.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.Client.GetAsync("/posts/2147483647/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.Client.GetAsync("/posts/2147483647/delete")).StatusCode);
    }

    [Fact]
    public async Task ADeletedUsersPostIsShownAsByADeletedUser()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("Orphan", "Still readable"))["id"]!;
        await app.DeleteUserAsync(author.User);
        var browser = app.CreateBrowser();

        var page = await PostPage.OpenAsync(browser, id);
        Assert.Equal("a deleted user", page.Meta.QuerySelector(".deleted-author")!.TextContent);
        Assert.Equal("Still readable", page.Content.TextContent.Trim());

        var list = await HomePage.OpenAsync(browser, "/?limit=100");
        var item = list.Item(id);
        Assert.NotNull(item.QuerySelector(".deleted-author"));
    }

    [Theory]
    [InlineData("/write", "/login?returnUrl=%2Fwrite")]
    [InlineData("/posts/1/edit", "/login?returnUrl=%2Fposts%2F1%2Fedit")]
    [InlineData("/posts/1/delete", "/login?returnUrl=%2Fposts%2F1%2Fdelete")]
    public async Task SignedOutVisitorsAreSentToTheLoginPage(string url, string location)
    {
        var response = await app.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheWritePageHasLabelledFieldsErrorSlotsTheCsrfMetaAndItsScript()
    {
        var signedIn = await app.SignInAsync();

        var writer = await WriterPage.OpenWriteAsync(signedIn.Client);
        var page = writer.Document;

        var form = writer.Form;
        Assert.Equal("/blog/", form.GetAttribute("action"));
        Assert.Equal("POST", form.GetAttribute("data-method"));
        AssertField(page, form, "title", "input");
        AssertField(page, form, "content", "textarea");
        // No maxlength: it would silently cut pasted text. The counters show the limits instead.
        Assert.False(writer.Title.HasAttribute("maxlength"));
        Assert.False(writer.Content.HasAttribute("maxlength"));
        Assert.Equal("100", writer.Title.GetAttribute("data-max-length"));
        Assert.Equal("20000", writer.Content.GetAttribute("data-max-length"));
        Assert.Equal("0 / 100 characters", page.QuerySelector("#title-counter[aria-live=polite]")!.TextContent);
        Assert.Equal("0 / 20000 characters", page.QuerySelector("#content-counter[aria-live=polite]")!.TextContent);
        Assert.NotNull(form.QuerySelector("[data-error-for='form'][aria-live]"));
        Assert.NotNull(form.QuerySelector("button[type=submit]#post-submit"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector<IHtmlMetaElement>("meta[name=csrf-token]")!.Content));
        Assert.Contains(page.Scripts, s => s.Source == "/js/post-form.js" && s.Type == "module");
        Assert.All(page.Scripts.Where(s => s.Type != "application/json"), s => Assert.False(string.IsNullOrEmpty(s.Source)));
        Assert.Empty(page.QuerySelectorAll("style, [style]"));
    }

    [Fact]
    public async Task TheWritePagesCsrfTokenIsWhatThePostApiWants()
    {
        var signedIn = await app.SignInAsync();
        var client = signedIn.Client;
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var page = (await WriterPage.OpenWriteAsync(client)).Document;
        var token = page.QuerySelector<IHtmlMetaElement>("meta[name=csrf-token]")!.Content!;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/blog/") { Content = JsonContent.Create(new { title = "From the page", content = "x" }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ThePostFormScriptIsServed()
    {
        var response = await app.CreateBrowser().GetAsync("/js/post-form.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("from './api.js'", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEditPageFillsTheFormForTheAuthorAndStaff()
    {
        var author = await app.SignInAsync();
        const string content = "\n\nStarts with blank lines & <tags>\n한국어";
        var id = (int)(await author.Client.CreatePostAsync("\"Quoted\" <title>", content))["id"]!;
        var staff = await app.SignInStaffAsync();

        foreach (var client in new[] { author.Client, staff.Client })
        {
            var writer = await WriterPage.OpenEditAsync(client, id);

            var form = writer.Form;
            Assert.Equal($"/blog/{id}/", form.GetAttribute("action"));
            Assert.Equal("PATCH", form.GetAttribute("data-method"));
            Assert.Equal("\"Quoted\" <title>", writer.Title.Value);
            Assert.Equal(content, writer.Content.Value);
            AssertField(writer.Document, form, "title", "input");
            AssertField(writer.Document, form, "content", "textarea");
            Assert.Equal($"/posts/{id}/delete", writer.DeleteLink);
            Assert.Contains(writer.Document.Scripts, s => s.Source == "/js/post-form.js");
        }
    }

    [Fact]
    public async Task EditAndDeletePagesAre403ForOtherUsers()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync())["id"]!;
        var other = await app.SignInAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync($"/posts/{id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync($"/posts/{id}/delete")).StatusCode);
    }

    [Fact]
    public async Task DeletingAsksFirstThenThePostDeletesAndGoesHome()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync("To be deleted", "x"))["id"]!;

        var confirm = await DeleteConfirmationPage.OpenAsync(author.Client, $"/posts/{id}/delete");
        Assert.Equal("To be deleted", confirm.Get("#delete-title").TextContent);
        Assert.NotNull(await app.FindPostAsync(id));
        Assert.Equal("post", confirm.Form.Method, ignoreCase: true);

        var response = await confirm.ConfirmAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Null(await app.FindPostAsync(id));
    }

    [Fact]
    public async Task StaffCanDeleteThroughTheConfirmationPage()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync())["id"]!;
        var staff = await app.SignInStaffAsync();

        var confirm = await DeleteConfirmationPage.OpenAsync(staff.Client, $"/posts/{id}/delete");
        var response = await confirm.ConfirmAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await app.FindPostAsync(id));
    }

    [Fact]
    public async Task ADeleteWithoutTheFormsTokenOrBySomeoneElseChangesNothing()
    {
        var author = await app.SignInAsync();
        var id = (int)(await author.Client.CreatePostAsync())["id"]!;
        var other = await app.SignInAsync();
        author.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        other.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var noToken = await author.Client.PostAsync($"/posts/{id}/delete", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        // With the other user's own valid antiforgery token: refused by the ownership rule.
        var otherToken = (await Html.GetDocumentAsync(other.Client, "/logout"))
            .QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var notTheirs = await other.Client.PostAsync(
            $"/posts/{id}/delete", new FormUrlEncodedContent([new("__RequestVerificationToken", otherToken)]));
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await author.Client.GetAsync($"/posts/{id}/delete")).StatusCode);
        Assert.NotNull(await app.FindPostAsync(id));
    }

    private static void AssertField(IDocument page, IElement form, string name, string tag)
    {
        var field = Assert.Single(form.QuerySelectorAll($"{tag}[name='{name}']"));
        Assert.Equal(name, field.Id);
        Assert.NotNull(page.QuerySelector($"label[for='{name}']"));
        Assert.True(field.HasAttribute("required"));
        var slot = Assert.Single(form.QuerySelectorAll($"[data-error-for='{name}']"));
        Assert.NotNull(slot.GetAttribute("aria-live"));
        Assert.Contains(slot.Id, field.GetAttribute("aria-describedby")!.Split(' '));
    }

    private static List<int> ApiIds(System.Text.Json.Nodes.JsonNode body) => [.. body["posts"]!.AsArray().Select(p => (int)p!["id"]!)];
}
