using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using JwtBlog.Web.Features.Admin;
using JwtBlog.Web.Features.Blog;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

public sealed class AdminPostTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task TheListShowsPostsNewestFirstWithAuthorAndDates()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var author = await app.CreateUserAsync();
        var older = await app.CreatePostAsync(author, $"Older {marker}");
        var orphan = await app.CreatePostAsync(null, $"Orphan {marker}");
        var newer = await app.CreatePostAsync(author, $"Newer {marker}");

        var page = await Html.GetDocumentAsync(staff.Client, $"/admin/posts?q={marker}");

        var rows = page.QuerySelectorAll("#posts tbody tr");
        Assert.Equal([newer.Id, orphan.Id, older.Id], rows.Select(RowId));
        var cells = rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal([$"Newer {marker}", author.Email!], cells[..2]);
        Assert.Equal("just now", cells[2]);
        Assert.Equal("deleted user", rows[1].QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal($"/admin/posts/{newer.Id}", rows[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SearchLooksInTitleContentAndAuthorEmail()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var author = await app.CreateUserAsync(app.NewEmail($"writer-{marker}-"));
        var byTitle = await app.CreatePostAsync(null, $"Title {marker}");
        var byContent = await app.CreatePostAsync(null, "Plain", $"Body with {marker.ToUpperInvariant()} inside");
        var byAuthor = await app.CreatePostAsync(author, "Plain", "Plain");
        await app.CreatePostAsync(null, "Unrelated", "Unrelated");

        Assert.Equal([byAuthor.Id, byContent.Id, byTitle.Id], await IdsAsync(staff, $"/admin/posts?q={marker}"));
        Assert.Equal([byAuthor.Id], await IdsAsync(staff, $"/admin/posts?q={marker}+writer"));
    }

    [Fact]
    public async Task NextAndPreviousLinksWalkEveryPostOnceFiftyAPage()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var posts = Enumerable.Range(0, 110).Select(i => new Post { Title = $"{marker} {i}", Content = "c", CreatedAt = now, UpdatedAt = now }).ToList();
        await app.WithDbAsync(db =>
        {
            db.Posts.AddRange(posts);
            return db.SaveChangesAsync();
        });
        var expected = posts.Select(p => p.Id).OrderDescending().ToList();

        await AssertPagesWalkEveryPostOnceBothWaysAsync(staff, $"/admin/posts?q={marker}", expected, [50, 50, 10]);
    }

    [Fact]
    public async Task ATermOnlyInAnEmailFindsThatAuthorsPostsWhateverTheirText()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var author = await app.CreateUserAsync(app.NewEmail($"mail{marker}-"));
        var first = await app.CreatePostAsync(author, "Plain", "Plain");
        var second = await app.CreatePostAsync(author, "Other", "Other");
        await app.CreatePostAsync(await app.CreateUserAsync(), "Plain", "Plain");

        Assert.Equal([second.Id, first.Id], await IdsAsync(staff, $"/admin/posts?q=mail{marker}"));
    }

    [Fact]
    public async Task ATermOnlyInATitleFindsThatPostAndEveryTermMustMatchTheTextOrEveryTermTheEmail()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var author = await app.CreateUserAsync(app.NewEmail($"writer{marker}-"));
        var byTitle = await app.CreatePostAsync(author, $"Title t{marker}", "Plain");
        await app.CreatePostAsync(author, "Plain", "Plain");
        await app.CreatePostAsync(null, "Unrelated", "Unrelated");

        Assert.Equal([byTitle.Id], await IdsAsync(staff, $"/admin/posts?q=t{marker}"));
        // One term in the title and the other only in the email: the two sources are asked separately.
        Assert.Empty(await IdsAsync(staff, $"/admin/posts?q=t{marker}+writer{marker}"));
    }

    [Fact]
    public async Task PagesMixingTextAndEmailMatchesWalkEveryPostOnceBothWays()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var author = await app.CreateUserAsync(app.NewEmail($"{marker}-"));
        var other = await app.CreateUserAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // Every third post matches by its author's email only, the others by their title only; an unrelated post
        // after every fourth.
        var posts = new List<Post>();
        var all = new List<Post>();
        for (var i = 0; i < 120; i++)
        {
            var post = i % 3 == 0
                ? new Post { Title = "Plain", Content = "c", AuthorId = author.Id, CreatedAt = now, UpdatedAt = now }
                : new Post { Title = $"{marker} {i}", Content = "c", AuthorId = other.Id, CreatedAt = now, UpdatedAt = now };
            posts.Add(post);
            all.Add(post);
            if (i % 4 == 0)
            {
                all.Add(new Post { Title = "Unrelated", Content = "c", AuthorId = other.Id, CreatedAt = now, UpdatedAt = now });
            }
        }

        await app.WithDbAsync(db =>
        {
            db.Posts.AddRange(all);
            return db.SaveChangesAsync();
        });
        var expected = posts.Select(p => p.Id).OrderDescending().ToList();

        await AssertPagesWalkEveryPostOnceBothWaysAsync(staff, $"/admin/posts?q={marker}", expected, [50, 50, 20]);
    }

    // Next links from the first page reach every expected post once, in order, in pages of the given sizes; Previous
    // links from the last page lead back through the same pages to the first, which has no Previous link.
    private static async Task AssertPagesWalkEveryPostOnceBothWaysAsync(SignedInClient staff, string url, List<int> expected, int[] pageSizes)
    {
        var pages = new List<List<int>>();
        IHtmlDocument page;
        while (true)
        {
            page = await Html.GetDocumentAsync(staff.Client, url);
            pages.Add(Ids(page));
            if (page.QuerySelector("#pager-next") is not { } next)
            {
                break;
            }

            url = next.GetAttribute("href")!;
        }

        Assert.Equal(pageSizes, pages.Select(p => p.Count));
        Assert.Equal(expected, pages.SelectMany(p => p));
        for (var back = pages.Count - 2; back >= 0; back--)
        {
            page = await Html.GetDocumentAsync(staff.Client, page.QuerySelector("#pager-previous")!.GetAttribute("href")!);
            Assert.Equal(pages[back], Ids(page));
        }

        Assert.Null(page.QuerySelector("#pager-previous"));
    }

    [Fact]
    public async Task APunctuationOnlyTermTheIndexCannotSearchStillFindsEmails()
    {
        var staff = await app.SignInStaffAsync();
        var author = await app.CreateUserAsync(app.NewEmail($"{Marker()}+~"));
        var byAuthor = await app.CreatePostAsync(author, "Plain", "Plain");
        await app.CreatePostAsync(await app.CreateUserAsync(), "Title with +~ in it", "Plain +~");

        Assert.Equal([byAuthor.Id], await IdsAsync(staff, "/admin/posts?q=%2B~"));
    }

    [Fact]
    public async Task TheNewPostFormDefaultsTheAuthorToTheAdminAndCreatesThePost()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var page = await AdminPostEditPage.OpenNewAsync(staff.Client);
        Assert.Equal(staff.User.Email, ((IHtmlInputElement)page.Form.Elements["Input.AuthorEmail"]!).Value);

        var response = await page.SaveAsync(new Dictionary<string, string>
        {
            ["Input.Title"] = $"  첫 글 {marker}  ",
            ["Input.Content"] = "내용입니다",
        });

        Assert.Equal("/admin/posts", response.RedirectTarget());
        var list = await staff.Client.FollowAsync(response);
        Assert.Contains("was added", list.QuerySelector("#admin-status")!.TextContent, StringComparison.Ordinal);
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Title == $"첫 글 {marker}"));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(("내용입니다", staff.User.Id, now, now), (post.Content, post.AuthorId, post.CreatedAt, post.UpdatedAt));
        var entry = Assert.Single(await app.LogForAsync(AdminObjectTypes.Post, post.Id));
        Assert.Equal(("add", "Added.", post.Title), (entry.Action, entry.Summary, entry.ObjectLabel));
    }

    [Fact]
    public async Task ANewPostCanBeWrittenForAnotherUserChosenByEmail()
    {
        var staff = await app.SignInStaffAsync();
        var author = await app.CreateUserAsync();
        var marker = Marker();

        var response = await AdminPostEditPage.AddAsync(staff.Client, new Dictionary<string, string>
        {
            ["Input.Title"] = marker,
            ["Input.Content"] = "Content",
            ["Input.AuthorEmail"] = author.Email!.ToUpperInvariant(),
        });

        Assert.Equal("/admin/posts", response.RedirectTarget());
        Assert.Equal(author.Id, (await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.Title == marker))).AuthorId);
    }

    [Theory]
    [InlineData("", "Content", null, "Input.Title", "This field may not be blank.")]
    [InlineData("   ", "Content", null, "Input.Title", "This field may not be blank.")]
    [InlineData("Title", " ", null, "Input.Content", "This field may not be blank.")]
    [InlineData("Title", "Content", "", "Input.AuthorEmail", "This field is required.")]
    [InlineData("Title", "Content", "nobody@example.com", "Input.AuthorEmail", "No user has this email address.")]
    public async Task InvalidPostsShowTheErrorNextToTheFieldAndSaveNothing(string title, string content, string? authorEmail, string field, string error)
    {
        var staff = await app.SignInStaffAsync();
        var values = new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Content"] = content };
        if (authorEmail is not null)
        {
            values["Input.AuthorEmail"] = authorEmail;
        }

        var before = await app.WithDbAsync(db => db.Posts.CountAsync());
        var response = await AdminPostEditPage.AddAsync(staff.Client, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(error, (await Html.ParseAsync(response)).ErrorFor(field));
        Assert.Equal(before, await app.WithDbAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task TitleAndContentLengthsAreCountedInCharacters()
    {
        var staff = await app.SignInStaffAsync();
        var longest = string.Concat(Enumerable.Repeat("😀", Post.TitleMaxLength));

        var tooLong = await AdminPostEditPage.AddAsync(staff.Client, new Dictionary<string, string>
        {
            ["Input.Title"] = longest + "a",
            ["Input.Content"] = new string('c', Post.ContentMaxLength + 1),
        });
        var page = await Html.ParseAsync(tooLong);
        Assert.Equal("Ensure this field has no more than 100 characters.", page.ErrorFor("Input.Title"));
        Assert.Equal("Ensure this field has no more than 20000 characters.", page.ErrorFor("Input.Content"));

        var fits = await AdminPostEditPage.AddAsync(staff.Client, new Dictionary<string, string>
        {
            ["Input.Title"] = longest,
            ["Input.Content"] = new string('c', Post.ContentMaxLength),
        });
        Assert.Equal("/admin/posts", fits.RedirectTarget());
    }

    [Fact]
    public async Task EditingAPostSavesTheChangesAndLogsWhichFieldsChanged()
    {
        var staff = await app.SignInStaffAsync();
        var author = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var post = await app.CreatePostAsync(author, "Before", "Same content");
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var page = await AdminPostEditPage.OpenAsync(staff.Client, post.Id);
        Assert.Equal("Before", ((IHtmlInputElement)page.Get("#Input_Title")).Value);
        Assert.Equal("Same content", ((IHtmlTextAreaElement)page.Get("#Input_Content")).Value);
        var response = await page.SaveAsync(new Dictionary<string, string>
        {
            ["Input.Title"] = "After",
            ["Input.AuthorEmail"] = other.Email!,
        });

        Assert.Equal($"/admin/posts/{post.Id}", response.RedirectTarget());
        var saved = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Equal(("After", "Same content", other.Id, post.CreatedAt, app.Clock.GetUtcNow().UtcDateTime),
            (saved.Title, saved.Content, saved.AuthorId, saved.CreatedAt, saved.UpdatedAt));
        Assert.Equal("Changed Title and Author.", Assert.Single(await app.LogForAsync(AdminObjectTypes.Post, post.Id)).Summary);
    }

    [Fact]
    public async Task ATitleOnlyEditKeepsTheContentExactlyAsWritten()
    {
        var staff = await app.SignInStaffAsync();
        var content = "  indented first line\nsecond line\n";
        var post = await app.CreatePostAsync(await app.CreateUserAsync(), "Before", content);

        var page = await AdminPostEditPage.OpenAsync(staff.Client, post.Id);
        var response = await page.SaveAsync(new Dictionary<string, string>
        {
            ["Input.Title"] = "After",
            ["Input.Content"] = content.Replace("\n", "\r\n", StringComparison.Ordinal),
        });

        Assert.Equal($"/admin/posts/{post.Id}", response.RedirectTarget());
        var saved = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Equal(content, saved.Content);
        Assert.Equal("Changed Title.", (await app.LogForAsync(AdminObjectTypes.Post, post.Id)).Single().Summary);
    }

    [Fact]
    public async Task AnInvalidEditShowsTheErrorsAndChangesNothing()
    {
        var staff = await app.SignInStaffAsync();
        var post = await app.CreatePostAsync(await app.CreateUserAsync(), "Keep", "Keep");

        var response = await AdminPostEditPage.SaveAsync(staff.Client, post.Id, new Dictionary<string, string>
        {
            ["Input.Title"] = new string('t', 101),
            ["Input.Content"] = "",
        });

        var page = await Html.ParseAsync(response);
        Assert.Equal("Ensure this field has no more than 100 characters.", page.ErrorFor("Input.Title"));
        Assert.Equal("This field may not be blank.", page.ErrorFor("Input.Content"));
        var saved = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Equal(("Keep", "Keep"), (saved.Title, saved.Content));
        Assert.Empty(await app.LogForAsync(AdminObjectTypes.Post, post.Id));
    }

    [Fact]
    public async Task APostOfADeletedUserCanBeEditedAndKeepsNoAuthor()
    {
        var staff = await app.SignInStaffAsync();
        var post = await app.CreatePostAsync(null, "Orphan", "Content");

        var page = await AdminPostEditPage.OpenAsync(staff.Client, post.Id);
        Assert.NotNull(page.Find("#post-no-author"));
        var response = await page.SaveAsync(new Dictionary<string, string> { ["Input.Content"] = "Edited" });

        Assert.Equal($"/admin/posts/{post.Id}", response.RedirectTarget());
        var saved = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Equal(("Edited", null), (saved.Content, saved.AuthorId));
    }

    [Fact]
    public async Task DeletingAPostAsksFirstThenDeletesIt()
    {
        var staff = await app.SignInStaffAsync();
        var post = await app.CreatePostAsync(await app.CreateUserAsync(), "Doomed");

        var confirm = await DeleteConfirmationPage.OpenAsync(staff.Client, $"/admin/posts/{post.Id}/delete");
        Assert.Equal("Doomed", confirm.Get("#delete-title").TextContent);
        Assert.True(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Id == post.Id)));

        var response = await confirm.ConfirmAsync();

        Assert.Equal("/admin/posts", response.RedirectTarget());
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Id == post.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Client.GetAsync($"/admin/posts/{post.Id}")).StatusCode);
        var entry = Assert.Single(await app.LogForAsync(AdminObjectTypes.Post, post.Id));
        Assert.Equal(("delete", "Deleted.", "Doomed"), (entry.Action, entry.Summary, entry.ObjectLabel));
    }

    [Fact]
    public async Task PostTitlesAndContentAreHtmlEncoded()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var post = await app.CreatePostAsync(null, $"<script>alert(1)</script>{marker}", "<b>bold</b>");

        var list = await Html.GetDocumentAsync(staff.Client, $"/admin/posts?q={marker}");
        var edit = await Html.GetDocumentAsync(staff.Client, $"/admin/posts/{post.Id}");

        Assert.Empty(list.QuerySelectorAll("main script"));
        Assert.Contains("<script>", list.QuerySelector("#posts a")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(edit.QuerySelectorAll("main b"));
    }

    private static string Marker() => "p" + Guid.NewGuid().ToString("N")[..12];

    private static int RowId(AngleSharp.Dom.IElement row) =>
        int.Parse(row.GetAttribute("data-post-id")!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<int>> IdsAsync(SignedInClient client, string url) => Ids(await Html.GetDocumentAsync(client.Client, url));

    private static List<int> Ids(IHtmlDocument page) => page.QuerySelectorAll("#posts tbody tr").Select(RowId).ToList();
}
