using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Platform;

// Error answers: pages get a Razor page on the site layout, the API its JSON {"detail": ...}, never a stack trace.
public sealed class ErrorPageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task AnUnknownAddressAskedForByABrowserGetsTheNotFoundPageOnTheLayout()
    {
        var response = await GetHtmlAsync(app.CreateBrowser(), "/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await AssertLayoutPageAsync(response, "Not found");
        Assert.NotNull(page.QuerySelector("#nav-login"));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task AMissingPostIsTheNotFoundPageWithTheSignedInNavigation()
    {
        var signedIn = await app.SignInAsync();
        var response = await GetHtmlAsync(signedIn.Client, "/posts/2147483647");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await AssertLayoutPageAsync(response, "Not found");
        Assert.Equal(signedIn.User.DisplayName, page.QuerySelector("#nav-user")?.TextContent);
    }

    [Fact]
    public async Task TheForbiddenPageIsOnTheLayoutAndNotCached()
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertLayoutPageAsync(response, "Forbidden");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheErrorPageIsNotAnAddressOfItsOwn()
    {
        foreach (var url in new[] { "/error", "/error/500", "/error/403" })
        {
            var response = await GetHtmlAsync(app.CreateBrowser(), url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await AssertLayoutPageAsync(response, "Not found");
        }
    }

    [Fact]
    public async Task UnknownAddressesWithoutAnHtmlAcceptAnswerJsonAsBefore()
    {
        var response = await app.CreateClient().GetAsync("/no/such/page");
        Assert.Equal("{\"detail\":\"Not found.\"}", await response.RawJsonAsync(HttpStatusCode.NotFound));
        var wrongMethod = await app.CreateClient().DeleteAsync("/accounts/test/");
        Assert.Equal("{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}", await wrongMethod.RawJsonAsync(HttpStatusCode.MethodNotAllowed));
    }

    [Fact]
    public async Task AnExceptionOnAPageIsTheServerErrorPageAndOnTheApiJson()
    {
        using var broken = new JwtBlogApp();
        var browser = broken.CreateBrowser();
        broken.BreakDatabase();

        var page = await GetHtmlAsync(browser, "/");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var document = await AssertLayoutPageAsync(page, "Something went wrong");
        Assert.Equal("A server error occurred.", document.QuerySelector("#error-text")?.TextContent);
        Assert.DoesNotContain("Exception", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await browser.GetAsync("/blog/");
        Assert.Equal("{\"detail\":\"A server error occurred.\"}", await api.RawJsonAsync(HttpStatusCode.InternalServerError));
    }

    [Fact]
    public async Task TheTooManyRequestsPageShowsTheWait()
    {
        using var limited = new RateLimitedLoginPageApp();
        var browser = limited.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await GetHtmlAsync(browser, "/login")).StatusCode);

        var refused = await GetHtmlAsync(browser, "/login");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = refused.Headers.GetValues("Retry-After").Single();
        var page = await AssertLayoutPageAsync(refused, "Too many requests");
        Assert.Equal($"Try again in {seconds} seconds.", page.QuerySelector("#error-retry-after")?.TextContent);
    }

    private static Task<HttpResponseMessage> GetHtmlAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Accept", "text/html,application/xhtml+xml");
        return client.SendAsync(request);
    }

    private static async Task<IHtmlDocument> AssertLayoutPageAsync(HttpResponseMessage response, string title)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await Html.ParseAsync(response);
        Assert.Equal(title, page.QuerySelector("h1")?.TextContent);
        Assert.Equal($"{title} · JwtBlog", page.Title);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("meta[name=viewport]"));
        Assert.NotNull(page.QuerySelector("nav #nav-posts"));
        Assert.NotNull(page.QuerySelector("a#error-home[href='/']"));
        return page;
    }

    // The login page under the login rate limit with one request a minute: a page that can answer 429.
    private sealed class RateLimitedLoginPageApp() : JwtBlogApp(new() { ["RateLimiting:AuthRequestsPerMinutePerIp"] = "1" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<RazorPagesOptions>(options =>
                options.Conventions.AddPageApplicationModelConvention("/Accounts/Login", model =>
                    model.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.AuthPolicy)))));
        }
    }
}
