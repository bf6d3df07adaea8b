using static Microsoft.Playwright.Assertions;

namespace JwtBlog.Tests.Browser;

public sealed class ApiDocsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task TheReferenceLoadsFromTheAppAndShowsTheOperations() => browser.RunAsync(nameof(TheReferenceLoadsFromTheAppAndShowsTheOperations), async page =>
    {
        var failed = new List<string>();
        var foreign = new List<string>();
        page.RequestFailed += (_, request) => failed.Add($"{request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Url}: {response.Status}");
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        await page.GotoAsync("/docs/");

        // The first request builds the OpenAPI document, which takes a while on a busy machine.
        await Expect(page.Locator("a[href='#tag/accounts/POST/accounts/login/']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("a[href='#tag/blog']").First).ToBeVisibleAsync();
        await page.Locator("a[href='#tag/accounts/POST/accounts/login/']").First.ClickAsync();
        await Expect(page.GetByText("Log in").First).ToBeVisibleAsync();
        await Expect(page.GetByText("password", new() { Exact = true }).First).ToBeVisibleAsync();
        Assert.Empty(failed);
        Assert.Empty(foreign);
    });
}
