using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Localization;

// Which language a page speaks: the footer's choice, else the browser's Accept-Language, else English.
public sealed class LanguageChoiceTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task A_page_is_english_by_default_and_korean_when_the_browser_prefers_it()
    {
        var english = await Html.GetDocumentAsync(app.CreateBrowser(), "/");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Log in", english.QuerySelector("#nav-login")!.TextContent);

        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("Accept-Language", "ko-KR,ko;q=0.9,en-US;q=0.8");
        var korean = await Html.GetDocumentAsync(browser, "/");
        Assert.Equal("ko", korean.DocumentElement.GetAttribute("lang"));
        Assert.Equal("로그인", korean.QuerySelector("#nav-login")!.TextContent);
    }

    [Fact]
    public async Task The_footer_switch_wins_over_the_browser_and_goes_back_to_the_page()
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("Accept-Language", "en-US");
        var page = await Html.GetDocumentAsync(browser, "/login?next=%2Fwrite");

        var response = await browser.SubmitAsync(Html.Form(page, "#language-switch"), submitter: KoreanButton(page));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?next=%2Fwrite", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lang=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var korean = await Html.GetDocumentAsync(browser, "/login?next=%2Fwrite");
        Assert.Equal("ko", korean.DocumentElement.GetAttribute("lang"));
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task The_switch_refuses_an_unknown_language_and_never_leaves_the_site()
    {
        var browser = app.CreateBrowser();
        var page = await Html.GetDocumentAsync(browser, "/");
        var form = Html.Form(page, "#language-switch");

        var button = KoreanButton(page);
        button.Value = "fr";
        var unknown = await browser.SubmitAsync(form, submitter: button);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.DoesNotContain(unknown.Headers, header => header.Key == "Set-Cookie");

        button.Value = "ko";
        var away = await browser.SubmitAsync(form, new Dictionary<string, string> { ["returnUrl"] = "//evil.example/" }, button);
        Assert.Equal("/", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_api_ignores_the_pages_cookie()
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("Cookie", "lang=ko");

        var page = await Html.GetDocumentAsync(browser, "/");
        Assert.Equal("ko", page.DocumentElement.GetAttribute("lang"));
        var response = await browser.GetAsync("/blog/999999999/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"detail":"Not found."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_scripts_get_their_texts_in_the_pages_language()
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("Accept-Language", "ko");
        var page = await Html.GetDocumentAsync(browser, "/login");

        var json = page.QuerySelector("script#script-text[type='application/json']")!.TextContent;
        var texts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
        Assert.Equal("문제가 생겼습니다. 다시 시도해 주세요.", texts["Error.Fallback"]);
    }

    private static AngleSharp.Html.Dom.IHtmlButtonElement KoreanButton(AngleSharp.Html.Dom.IHtmlDocument page) =>
        (AngleSharp.Html.Dom.IHtmlButtonElement)page.QuerySelector("#language-switch button[value='ko']")!;
}
