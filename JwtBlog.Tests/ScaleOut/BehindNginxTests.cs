using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using JwtBlog.Tests.Infrastructure;
using Npgsql;

namespace JwtBlog.Tests.ScaleOut;

// Two published app processes behind nginx on PostgreSQL and Redis (NginxCluster), seen only from outside: each claim
// checks through the X-Test-Upstream header that both instances really took part. The SQLite pass of .ci/run leaves
// this class out by its trait; the PostgreSQL pass runs it once.
[Trait("Category", "Processes")]
public sealed class BehindNginxTests(NginxCluster cluster) : IClassFixture<NginxCluster>
{
    // The per-IP auth limit the cluster runs with; each test's client has its own address.
    public const int AuthRequestsPerMinutePerIp = 4;
    private const string AccessCookie = "my-app-auth";
    private const string RefreshCookie = "my-refresh-token";

    [Fact]
    public async Task CookiesFromASignInThroughOneInstanceWorkOnTheOther()
    {
        cluster.SkipUnlessRunning();
        using var client = cluster.NewClient();
        var email = await JoinAsync(client);

        using var login = await client.PostJsonAsync(AccountsApi.Login, new { email, password = JwtBlogApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var user = await UntilAnsweredByAnotherAsync(ClusterClient.AnsweredBy(login), () => client.GetAsync(AccountsApi.User));

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Contains(email, await user.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogoutThroughOneInstanceIsRefusedByTheOtherOnItsVeryNextRequest()
    {
        cluster.SkipUnlessRunning();
        using var browser = cluster.NewClient();
        await JoinAsync(browser);
        using var bearer = cluster.NewClient();
        var access = browser.Cookie(AccessCookie)!;
        // Both instances now hold "this session is alive" in their caches.
        var alive = await UntilBothAnsweredAsync(() => bearer.SendAsync(WithBearer(HttpMethod.Get, AccountsApi.User, access)));
        Assert.All(alive, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        using var logout = await browser.PostJsonAsync(AccountsApi.Logout, null);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        var loggedOutBy = ClusterClient.AnsweredBy(logout);

        // Nothing else reaches the other instance in between: its first answer is its very next request.
        var answers = new List<HttpResponseMessage>();
        using var refused = await UntilAnsweredByAnotherAsync(loggedOutBy, async () =>
        {
            var response = await bearer.SendAsync(WithBearer(HttpMethod.Get, AccountsApi.User, access));
            answers.Add(response);
            return response;
        });
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task ACsrfTokenFromAPageServedByOneInstanceIsAcceptedByTheOther()
    {
        cluster.SkipUnlessRunning();
        using var browser = cluster.NewClient();
        await JoinAsync(browser);
        using var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var token = document.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content");
        Assert.False(string.IsNullOrEmpty(token));

        using var post = await UntilAnsweredByAnotherAsync(ClusterClient.AnsweredBy(page), () =>
            browser.PostJsonAsync("/blog/", new { title = "With a CSRF token from the other instance", content = "Hello" }, token));

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
    }

    [Fact]
    public async Task TheLoginLockoutCountsFailuresOnBothInstances()
    {
        cluster.SkipUnlessRunning();
        using var owner = cluster.NewClient();
        var email = await JoinAsync(owner);
        var failures = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // A guesser spread over addresses, so only the account's lockout stops it, not the per-IP limit.
            using var attacker = cluster.NewClient();
            using var wrong = await attacker.PostJsonAsync(AccountsApi.Login, new { email, password = "Wrong-Password-" + i });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            failures.Add(ClusterClient.AnsweredBy(wrong));
        }

        AssertBothAmong(failures);

        // The right password from fresh addresses (no per-IP limit in the way): each instance answers "locked".
        var answers = await UntilBothAnsweredAsync(async () =>
        {
            using var fresh = cluster.NewClient();
            return await fresh.PostJsonAsync(AccountsApi.Login, new { email, password = JwtBlogApp.Password });
        });
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
    }

    // Shared: the first AuthRequestsPerMinutePerIp requests, spread over both instances, are let through and the next
    // one is refused. Per instance, each would see only half of them and let the next one through. A fixed one-minute
    // window can start anew between two requests; that happens at most once in a few seconds, so a second try
    // (from a fresh address) decides.
    [Fact]
    public async Task ThePerIpAuthLimitCountsRequestsOnBothInstances()
    {
        cluster.SkipUnlessRunning();
        var tries = new List<string>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var client = cluster.NewClient();
            var answeredBy = new List<string>();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= AuthRequestsPerMinutePerIp; i++)
            {
                // A blank password is refused without a password hash, after the limiter has counted the request.
                using var login = await client.PostJsonAsync(AccountsApi.Login, new { email = "nobody@example.com", password = "" });
                answeredBy.Add(ClusterClient.AnsweredBy(login));
                statuses.Add(login.StatusCode);
            }

            AssertBothAmong(answeredBy);
            if (statuses.Take(AuthRequestsPerMinutePerIp).All(s => s == HttpStatusCode.BadRequest) && statuses[^1] == HttpStatusCode.TooManyRequests)
            {
                return;
            }

            tries.Add(string.Join(' ', statuses.Select(s => (int)s)));
        }

        Assert.Fail($"The per-IP limit ({AuthRequestsPerMinutePerIp}) was not shared by the instances; answers: {string.Join(" | ", tries)}");
    }

    [Fact]
    public async Task TwentyParallelRefreshesOfOneTokenOverBothInstancesGiveExactlyOneSuccessor()
    {
        cluster.SkipUnlessRunning();
        using var browser = cluster.NewClient();
        await JoinAsync(browser);
        var refreshToken = browser.Cookie(RefreshCookie)!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, AccountsApi.Refresh);
            request.Headers.Add("Cookie", $"{RefreshCookie}={refreshToken}");
            return browser.SendAsync(request, sendCookies: false);
        }));

        AssertBothAmong(answers.Select(ClusterClient.AnsweredBy));
        Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"{(int)r.StatusCode}"));
        var successors = answers.Where(r => r.StatusCode == HttpStatusCode.OK)
            .Select(r => Jti(ClusterClient.CookiesSetBy(r)[RefreshCookie])).Distinct().ToList();
        var successor = Assert.Single(successors);
        Assert.NotEqual(Jti(refreshToken), successor);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var unconsumed = new NpgsqlCommand(
            """
            SELECT "Jti" FROM "RefreshTokens" WHERE "ConsumedAt" IS NULL
              AND "SessionId" = (SELECT "SessionId" FROM "RefreshTokens" WHERE "Jti" = @presented)
            """, connection);
        unconsumed.Parameters.AddWithValue("presented", Jti(refreshToken));
        await using var rows = await unconsumed.ExecuteReaderAsync();
        var live = new List<string>();
        while (await rows.ReadAsync())
        {
            live.Add(rows.GetString(0));
        }

        Assert.Equal([successor], live);
    }

    [Fact]
    public async Task APostWrittenThroughOneInstanceIsOnTheOthersHomePageAtOnce()
    {
        cluster.SkipUnlessRunning();
        using var writer = cluster.NewClient();
        await JoinAsync(writer);
        using var reader = cluster.NewClient();
        // Both instances have served (and could have cached) the home page before the write.
        Assert.All(await UntilBothAnsweredAsync(() => reader.GetAsync("/")), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var title = "Across nginx " + Guid.NewGuid().ToString("N")[..8];
        using var created = await writer.SendAsync(
            WithBearer(HttpMethod.Post, "/blog/", writer.Cookie(AccessCookie)!, new { title, content = "Hello" }), sendCookies: false);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var home = await UntilAnsweredByAnotherAsync(ClusterClient.AnsweredBy(created), () => reader.GetAsync("/"));
        Assert.Contains(title, await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // 8 writers through nginx; A is killed (SIGKILL) once 40 posts are acknowledged, and the load goes on until B has
    // acknowledged 40 more. Every acknowledged id must be in the database; an answer cut off by the kill (502) is not
    // an acknowledgement.
    [Fact]
    public async Task KillingAnInstanceDuringAWriteLoadLosesNoAcknowledgedWriteAndTheOtherKeepsServing()
    {
        cluster.SkipUnlessRunning();
        using var writer = cluster.NewClient();
        await JoinAsync(writer);
        var access = writer.Cookie(AccessCookie)!;
        var acknowledged = new ConcurrentBag<int>();
        var answers = new ConcurrentBag<(HttpStatusCode Status, string AnsweredBy, bool AfterKill)>();
        var killed = 0;
        var afterKill = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var sentAfterKill = Volatile.Read(ref killed) == 1;
                    using var response = await writer.SendAsync(
                        WithBearer(HttpMethod.Post, "/blog/", access, new { title = $"Load {w}-{i}", content = "Written under load" }), sendCookies: false);
                    answers.Add((response.StatusCode, ClusterClient.AnsweredBy(response), sentAfterKill));
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        continue;
                    }

                    acknowledged.Add(await PostIdAsync(response));
                    if (acknowledged.Count >= 40 && Interlocked.CompareExchange(ref killed, 1, 0) == 0)
                    {
                        cluster.A.KillHard();
                    }

                    if (sentAfterKill && Interlocked.Increment(ref afterKill) >= 40)
                    {
                        await stop.CancelAsync();
                    }
                }
            })));

            Assert.Equal(1, killed);
            Assert.True(afterKill >= 40, $"Only {afterKill} writes were acknowledged after the kill.");
            AssertBothAmong(answers.Where(a => !a.AfterKill && a.Status == HttpStatusCode.Created).Select(a => a.AnsweredBy));
            Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.BadGateway, $"{(int)a.Status} from {a.AnsweredBy}"));
            Assert.All(answers.Where(a => a.AfterKill && a.Status == HttpStatusCode.Created), a => Assert.EndsWith(cluster.B.UpstreamAddress, a.AnsweredBy, StringComparison.Ordinal));

            var ids = acknowledged.ToArray();
            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync();
            await using var stored = new NpgsqlCommand("""SELECT count(*) FROM "Posts" WHERE "Id" = ANY(@ids)""", connection);
            stored.Parameters.AddWithValue("ids", ids);
            Assert.Equal(ids.Distinct().Count(), Convert.ToInt32(await stored.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(ids.Length, ids.Distinct().Count());

            // B keeps serving reads too.
            for (var i = 0; i < 5; i++)
            {
                using var home = await writer.GetAsync("/");
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            }
        }
        finally
        {
            await cluster.RestartAAsync();
        }
    }

    private static async Task<string> JoinAsync(ClusterClient client)
    {
        var email = $"nginx-{Guid.NewGuid():N}@example.com";
        using var joined = await client.PostJsonAsync(
            AccountsApi.Register, new { email, password1 = JwtBlogApp.Password, password2 = JwtBlogApp.Password });
        Assert.True(joined.IsSuccessStatusCode, $"join: {(int)joined.StatusCode} {await joined.Content.ReadAsStringAsync()}");
        Assert.NotNull(client.Cookie(AccessCookie));
        return email;
    }

    private static HttpRequestMessage WithBearer(HttpMethod method, string path, string accessToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", accessToken);
        return request;
    }

    // Sends until an instance other than the given one answers (round robin makes that the first or second try).
    private static async Task<HttpResponseMessage> UntilAnsweredByAnotherAsync(string instance, Func<Task<HttpResponseMessage>> send)
    {
        for (var i = 0; i < 10; i++)
        {
            var response = await send();
            var answeredBy = ClusterClient.AnsweredBy(response);
            if (answeredBy.Length > 0 && answeredBy != instance)
            {
                return response;
            }
        }

        throw new InvalidOperationException($"Only {instance} answered 10 requests: nginx is not spreading them.");
    }

    // Sends until both instances have answered; returns every answer.
    private async Task<List<HttpResponseMessage>> UntilBothAnsweredAsync(Func<Task<HttpResponseMessage>> send)
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await send());
            var seen = answers.Select(ClusterClient.AnsweredBy).ToHashSet(StringComparer.Ordinal);
            if (seen.Contains(cluster.A.UpstreamAddress) && seen.Contains(cluster.B.UpstreamAddress))
            {
                return answers;
            }
        }

        throw new InvalidOperationException("Both instances did not answer within 10 requests: nginx is not spreading them.");
    }

    private void AssertBothAmong(IEnumerable<string> answeredBy)
    {
        var seen = answeredBy.ToList();
        Assert.True(seen.Contains(cluster.A.UpstreamAddress) && seen.Contains(cluster.B.UpstreamAddress),
            $"Not both instances answered: {string.Join(", ", seen.Distinct())}");
    }

    private static async Task<int> PostIdAsync(HttpResponseMessage created)
    {
        using var body = await JsonDocument.ParseAsync(await created.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("post").GetProperty("id").GetInt32();
    }

    // The jti claim of a JWT, read from its payload (the signature is the app's business).
    private static string Jti(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return claims.RootElement.GetProperty("jti").GetString()!;
    }
}
