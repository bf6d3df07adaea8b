using System.Globalization;
using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Localization;

// The admin pages, the error page and the post delete confirmation speak the reader's language, with every text found.
public sealed class AdminPagesLanguageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    // Each page with a text of its own in both languages, read from the element with that id.
    public static readonly TheoryData<string, string, string, string> Pages = new()
    {
        { "/admin", "#recent-empty, #recent-actions", "Site administration", "사이트 관리" },
        { "/admin/users", "#user-search-submit", "Search", "검색" },
        { "/admin/users/{user}", "#end-sessions", "End all sessions", "모든 세션 종료" },
        { "/admin/users/{user}/password", "#password-save", "Change password", "비밀번호 변경" },
        { "/admin/users/{user}/delete", "#delete-confirm", "Yes, delete", "네, 삭제합니다" },
        { "/admin/posts", "#post-add", "Add post", "글 추가" },
        { "/admin/posts/new", "#post-save", "Save", "저장" },
        { "/admin/posts/{post}", "#post-delete", "Delete", "삭제" },
        { "/admin/posts/{post}/delete", "#delete-cancel", "No, take me back", "아니요, 돌아갈게요" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_admin_page_is_english_or_korean_with_every_text_found(string route, string present, string english, string korean)
    {
        var staff = await app.SignInStaffAsync(superuser: true);
        var url = await UrlAsync(route);

        var englishPage = await Html.GetDocumentAsync(staff.Client, url);
        staff.Client.DefaultRequestHeaders.Add("Accept-Language", "ko-KR,ko;q=0.9");
        var koreanPage = await Html.GetDocumentAsync(staff.Client, url);

        Assert.NotNull(englishPage.QuerySelector(present));
        Assert.Equal("en", englishPage.DocumentElement.GetAttribute("lang"));
        Assert.Contains(english, englishPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ko", koreanPage.DocumentElement.GetAttribute("lang"));
        Assert.Contains(korean, koreanPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("관리", koreanPage.QuerySelector("nav.admin-nav")!.GetAttribute("aria-label"));
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task A_refused_admin_form_explains_itself_in_korean()
    {
        var staff = await app.SignInStaffAsync(superuser: true);
        staff.Client.DefaultRequestHeaders.Add("Accept-Language", "ko");
        var page = await Html.GetDocumentAsync(staff.Client, AdminPostEditPage.NewPath);

        var response = await staff.Client.SubmitAsync(
            Html.Form(page, AdminPostEditPage.FormSelector),
            new Dictionary<string, string> { ["Input.Title"] = "", ["Input.AuthorEmail"] = "nobody-" + Guid.NewGuid() + "@example.com" });

        var answer = await Html.ParseAsync(response);
        Assert.Equal("이 항목은 비워 둘 수 없습니다.", answer.ErrorFor("Input.Title"));
        Assert.Equal("이 이메일 주소를 쓰는 사용자가 없습니다.", answer.ErrorFor("Input.AuthorEmail"));
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task The_not_found_page_follows_the_language()
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("Accept", "text/html");

        var english = await Html.ParseAsync(await browser.GetAsync("/no/such/page"));
        browser.DefaultRequestHeaders.Add("Cookie", "lang=ko");
        var response = await browser.GetAsync("/no/such/page");
        var korean = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Not found", english.QuerySelector("#error-title")!.TextContent);
        Assert.Equal("Back to the blog", english.QuerySelector("#error-home")!.TextContent);
        Assert.Equal("ko", korean.DocumentElement.GetAttribute("lang"));
        Assert.Equal("페이지를 찾을 수 없습니다", korean.QuerySelector("#error-title")!.TextContent);
        Assert.Equal("이 주소에는 아무것도 없습니다.", korean.QuerySelector("#error-text")!.TextContent);
        Assert.Equal("블로그로 돌아가기", korean.QuerySelector("#error-home")!.TextContent);
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task The_post_delete_confirmation_follows_the_language()
    {
        var author = await app.SignInAsync();
        var post = await author.Client.CreatePostAsync("Doomed");
        var url = $"/posts/{post["id"]}/delete";

        var english = await Html.GetDocumentAsync(author.Client, url);
        author.Client.DefaultRequestHeaders.Add("Accept-Language", "ko");
        var korean = await Html.GetDocumentAsync(author.Client, url);

        Assert.Equal("Delete “Doomed”? This cannot be undone.", english.QuerySelector("#delete-form")!.PreviousElementSibling!.TextContent);
        Assert.Equal("ko", korean.DocumentElement.GetAttribute("lang"));
        Assert.Equal("“Doomed” 글을 삭제할까요? 삭제하면 되돌릴 수 없습니다.", korean.QuerySelector("#delete-form")!.PreviousElementSibling!.TextContent);
        Assert.Equal("취소", korean.QuerySelector("#delete-cancel")!.TextContent);
        Assert.Empty(app.MissingTexts.Names);
    }

    private async Task<string> UrlAsync(string route)
    {
        if (route.Contains("{user}", StringComparison.Ordinal))
        {
            route = route.Replace("{user}", (await app.CreateUserAsync()).Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (route.Contains("{post}", StringComparison.Ordinal))
        {
            var post = await app.CreatePostAsync(await app.CreateUserAsync());
            route = route.Replace("{post}", post.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return route;
    }
}
