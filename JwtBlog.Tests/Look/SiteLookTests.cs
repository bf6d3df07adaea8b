using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Look;

// The layout's frame: icons served with their types and linked from every page (error pages too), the skip link,
// the menu button and the footer in both languages.
public sealed class SiteLookTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    [InlineData("/img/logo.svg", "image/svg+xml")]
    public async Task TheIconsAreServedWithTheirTypes(string url, string mediaType)
    {
        var response = await app.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (url.EndsWith(".ico", StringComparison.Ordinal))
        {
            // An ICO header (reserved 0, type 1) with at least one image, not an SVG or PNG renamed.
            Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
            Assert.True(BitConverter.ToUInt16(bytes, 4) >= 1);
        }
        else
        {
            Assert.Contains("<svg", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "Skip to content", "Menu", "Log in")]
    [InlineData("ko", "본문으로 건너뛰기", "메뉴", "로그인")]
    public async Task EveryPageLinksTheIconsAndHasTheSkipLinkMenuAndFooter(string language, string skip, string menu, string logIn)
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("Accept-Language", language);

        foreach (var url in new[] { "/", "/login", "/register" })
        {
            var page = await Html.GetDocumentAsync(browser, url);
            AssertFrame(page, language, skip, menu);
            Assert.Equal(logIn, page.QuerySelector("#nav-menu #nav-login")?.TextContent);
        }

        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task TheSignedInMenuHoldsTheAccountAndLogOut()
    {
        var signedIn = await app.SignInAsync();

        var page = await Html.GetDocumentAsync(signedIn.Client, "/");

        AssertFrame(page, "en", "Skip to content", "Menu");
        Assert.NotNull(page.QuerySelector("#nav-menu a#nav-account[href='/account']"));
        Assert.NotNull(page.QuerySelector("#nav-menu form#logout-form button#nav-logout"));
        Assert.Equal(signedIn.User.DisplayName, page.QuerySelector("#nav-menu #nav-user")?.GetAttribute("title"));
    }

    [Theory]
    [InlineData("GET", "/no/such/page", HttpStatusCode.NotFound, "en", "Log in")]
    [InlineData("GET", "/no/such/page", HttpStatusCode.NotFound, "ko", "로그인")]
    [InlineData("PUT", "/", HttpStatusCode.MethodNotAllowed, "en", "Log in")]
    [InlineData("DELETE", "/login", HttpStatusCode.MethodNotAllowed, "ko", "로그인")]
    public async Task ErrorPagesKeepTheNavigationAndTheIcons(string method, string url, HttpStatusCode status, string language, string logIn)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add("Accept", "text/html");
        request.Headers.Add("Accept-Language", language);

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(logIn, page.QuerySelector("#nav-menu #nav-login")?.TextContent);
        Assert.NotNull(page.QuerySelector("a#nav-posts[href='/']"));
        Assert.NotNull(page.QuerySelector("link[rel=icon][href='/favicon.ico']"));
        Assert.NotNull(page.QuerySelector("#language-switch"));
        Assert.Empty(app.MissingTexts.Names);
    }

    private static void AssertFrame(IHtmlDocument page, string language, string skip, string menu)
    {
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("link[rel=icon][href='/favicon.ico']"));
        Assert.NotNull(page.QuerySelector("link[rel=icon][type='image/svg+xml'][href='/favicon.svg']"));
        Assert.NotNull(page.QuerySelector("header a.brand[href='/'] img[src='/img/logo.svg'][alt='']"));
        Assert.Equal(skip, page.QuerySelector("a.skip-link[href='#main']")?.TextContent);
        Assert.NotNull(page.QuerySelector("main#main"));
        var toggle = page.QuerySelector("button#nav-toggle[popovertarget='nav-menu']");
        Assert.Equal(menu, toggle?.TextContent);
        Assert.NotNull(page.QuerySelector("nav #nav-menu[popover] #nav-posts"));
        Assert.NotNull(page.QuerySelector("footer #language-switch"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("footer .footer-brand")?.TextContent));
    }
}
