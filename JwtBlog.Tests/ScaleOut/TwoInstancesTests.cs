using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using JwtBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JwtBlog.Tests.ScaleOut;

// Two app instances on one database with Redis between them (JWTBLOG_TEST_REDIS, e.g. "127.0.0.1:6379"; .ci/services.sh
// starts one). Without Redis these skip with the reason; CI sets JWTBLOG_REQUIRE_SCALEOUT=1, which makes that a failure.
public sealed class TwoInstancesTests : IDisposable
{
    // The bound for a broadcast to reach the other instance.
    private static readonly TimeSpan _broadcastBound = TimeSpan.FromMilliseconds(100);
    private readonly string _folder = Directory.CreateTempSubdirectory("jwtblog-two-").FullName;
    private readonly SharedTestDatabase _database;

    public TwoInstancesTests() => _database = new SharedTestDatabase(Path.Combine(_folder, "shared.db"));

    [Fact]
    public async Task ALogoutOnOneInstanceIsRefusedByTheOtherAtOnce()
    {
        using var a = Instance();
        using var b = Instance();
        var signedIn = await a.SignInAsync();
        var onB = b.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.AccessToken);
        // B now holds "this session is alive" in its cache, for Jwt:SessionCheckCacheDuration on its clock, which stays.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(AccountsApi.User)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.PostAsync(AccountsApi.Logout, null)).StatusCode);

        Assert.True(
            await WithinBroadcastBoundAsync(async () => (await onB.GetAsync(AccountsApi.User)).StatusCode == HttpStatusCode.Unauthorized),
            "B kept accepting the ended session's access token.");
    }

    [Fact]
    public async Task APostWrittenThroughOneInstanceIsOnTheOthersFeed()
    {
        using var a = Instance();
        using var b = Instance();
        var writer = await a.SignInAsync();
        var reader = b.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/blog/")).StatusCode);

        var title = "Across instances " + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await writer.Client.PostAsJsonAsync("/blog/", new { title, content = "Hello" })).StatusCode);

        Assert.True(
            await WithinBroadcastBoundAsync(async () => (await reader.GetStringAsync("/blog/")).Contains(title, StringComparison.Ordinal)),
            "B kept serving its cached feed page.");
    }

    // Data Protection keys are shared only through PostgreSQL; on SQLite each instance keeps its own folder.
    [Fact]
    public async Task ACsrfTokenFromAPageServedByOneInstanceIsAcceptedByTheOther()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, "Shared Data Protection keys need PostgreSQL (JWTBLOG_TEST_DATABASE=postgres).");
        using var a = Instance();
        using var b = Instance();
        var user = await a.CreateUserAsync();
        var onA = a.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var login = await onA.PostAsJsonAsync(AccountsApi.Login, new { email = user.Email, password = JwtBlogApp.Password });
        var cookies = CookiesSetBy(login);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/login");
        page.Headers.Add("Cookie", string.Join("; ", cookies));
        var pageResponse = await onA.SendAsync(page);
        cookies.AddRange(CookiesSetBy(pageResponse));
        var document = await new HtmlParser().ParseDocumentAsync(await pageResponse.Content.ReadAsStringAsync());
        var token = document.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content");
        Assert.False(string.IsNullOrEmpty(token));

        var onB = b.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var post = new HttpRequestMessage(HttpMethod.Post, "/blog/")
        {
            Content = JsonContent.Create(new { title = "Posted through B", content = "With A's CSRF token" }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        post.Headers.Add("X-CSRF-TOKEN", token);

        Assert.Equal(HttpStatusCode.Created, (await onB.SendAsync(post)).StatusCode);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // "name=value" of every cookie a response sets.
    private static List<string> CookiesSetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values.Select(v => v.Split(';')[0])] : [];

    private JwtBlogApp Instance()
    {
        var redis = Environment.GetEnvironmentVariable("JWTBLOG_TEST_REDIS");
        if (string.IsNullOrEmpty(redis))
        {
            const string reason = "No Redis: set JWTBLOG_TEST_REDIS (e.g. 127.0.0.1:6379; .ci/services.sh starts one).";
            Assert.False(Environment.GetEnvironmentVariable("JWTBLOG_REQUIRE_SCALEOUT") == "1", reason + " JWTBLOG_REQUIRE_SCALEOUT=1 makes this a failure.");
            Assert.Skip(reason);
        }

        return JwtBlogApp.With(_database.Setting, ("Redis:Configuration", redis));
    }

    // Asks again until the condition holds or the bound has passed: each try is a real request, not a pause.
    private static async Task<bool> WithinBroadcastBoundAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (await condition())
            {
                return true;
            }
        }
        while (clock.Elapsed < _broadcastBound);

        return false;
    }
}
