using JwtBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JwtBlog.Tests.Browser;

// The app on a real Kestrel loopback port, sending its mail to a real SMTP server in the test process, and Debian's
// headless Chromium driven by Playwright.
// Without Chromium the tests skip locally; CI sets JWTBLOG_REQUIRE_BROWSER=1, which turns the skip into a failure.
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public JwtBlogApp App { get; private set; } = null!;

    public TestSmtpServer Mail { get; private set; } = null!;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public static string? MissingReason =>
        File.Exists(ChromiumPath) ? null : $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).";

    public async ValueTask InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        Mail = await TestSmtpServer.StartNewAsync();
        App = JwtBlogApp.With([.. Mail.AppSettings]);
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    // Skips (locally) or fails (in CI) when Chromium is absent, before a test touches the browser.
    public static void RequireBrowser()
    {
        if (MissingReason is { } reason)
        {
            Assert.False(Environment.GetEnvironmentVariable("JWTBLOG_REQUIRE_BROWSER") == "1", reason + " JWTBLOG_REQUIRE_BROWSER=1 makes this a failure.");
            Assert.Skip(reason);
        }
    }

    // The same server under the name "localhost", which WebAuthn accepts as a relying-party id (an IP address is not one).
    public string LocalhostUrl => BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    // Runs a scenario in a fresh browser context; on failure a screenshot is saved and its path reported.
    public async Task RunAsync(string name, Func<IPage, Task> scenario, string? baseUrl = null)
    {
        RequireBrowser();
        await using var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl ?? BaseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // Script errors and CSP violations fail the test; failed requests (an API 400) do not.
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        try
        {
            await scenario(page);
            Assert.Empty(consoleErrors);
        }
        catch (Exception)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.Current.SendDiagnosticMessage($"Screenshot of the failure: {path}; console errors: {string.Join(" | ", consoleErrors)}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }
    }
}
