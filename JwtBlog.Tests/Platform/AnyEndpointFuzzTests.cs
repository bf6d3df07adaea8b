using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using JwtBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JwtBlog.Tests.Platform;

// Every endpoint and page the app maps, with every method and a spread of bad bodies, as anonymous, a user and staff:
// bad input is a 4xx, never a 5xx.
public sealed class AnyEndpointFuzzTests(AnyEndpointFuzzTests.QuietApp app) : IClassFixture<AnyEndpointFuzzTests.QuietApp>
{
    private const int MissingId = 2147483647;

    private static readonly string[] _methods = ["GET", "HEAD", "OPTIONS", "DELETE", "POST", "PUT", "PATCH"];

    private static readonly byte[] _twoMegabytes = Encoding.UTF8.GetBytes("{\"title\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");

    [Fact]
    public async Task NoEndpointAnswersAnyMethodOrBodyWithA5xx()
    {
        var user = await app.SignInAsync();
        var staff = await app.SignInAsync(await app.CreateUserAsync(staff: true, superuser: true));
        var victim = await app.CreateUserAsync();
        var post = await app.CreatePostAsync(victim);
        var identities = new (string Name, HttpClient Client)[] { ("anonymous", app.CreateBrowser()), ("user", user.Client), ("staff", staff.Client) };

        var urls = Urls(userIds: [victim.Id, MissingId], postIds: [post.Id, MissingId]).ToList();
        Assert.Contains("/posts/" + post.Id, urls);
        Assert.Contains($"/admin/users/{victim.Id}", urls);
        Assert.Contains("/accounts/login/", urls);

        // GET and POST without a body as everyone; every other method and each bad body as one of them in turn.
        // Signing out ends the identities' sessions, so those requests go last.
        var cases = (
            from url in urls.OrderBy(u => u.Contains("logout", StringComparison.Ordinal))
            from method in _methods
            let turn = url.Length + method.Length
            from c in (method is "GET" or "POST" ? identities : [identities[turn % identities.Length]]).Select(identity => (Identity: identity, Body: Body.None))
                .Concat(BodiesFor(method).Select((body, i) => (Identity: identities[(i + turn) % identities.Length], Body: body)))
            select (identity: c.Identity, method, url, body: c.Body)).ToList();

        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        foreach (var batch in cases.Chunk(24))
        {
            var answers = await Task.WhenAll(batch.Select(async c =>
            {
                var request = new HttpRequestMessage(new HttpMethod(c.method), c.url) { Content = c.body.Create() };
                using var response = await c.identity.Client.SendAsync(request);
                return (Case: c, Status: (int)response.StatusCode);
            }));
            failures.AddRange(answers.Where(a => a.Status >= 500)
                .Select(a => $"{a.Case.identity.Name} {a.Case.method} {a.Case.url} body={a.Case.body.Name} -> {a.Status}"));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} answered 5xx:\n" + string.Join("\n", failures.Take(50)));
        TestContext.Current.SendDiagnosticMessage($"{cases.Count} requests took {clock.Elapsed}");
    }

    // Each route pattern with its parameters filled in: an existing id and a missing one; the error page's status code.
    private IEnumerable<string> Urls(int[] userIds, int[] postIds)
    {
        var patterns = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern).DistinctBy(p => p.RawText).ToList();
        Assert.True(patterns.Count > 20, $"Only {patterns.Count} route patterns found");
        return patterns.SelectMany(pattern => Fill(pattern, pattern.RawText!.Contains("users", StringComparison.Ordinal) ? userIds : postIds)).Distinct();
    }

    private static IEnumerable<string> Fill(RoutePattern pattern, int[] ids)
    {
        var parameters = pattern.Parameters.Select(p => p.Name).ToList();
        var values = parameters.Count == 0 ? [[]] : parameters.Aggregate(
            (IEnumerable<Dictionary<string, string>>)[[]],
            (sets, name) => sets.SelectMany(set => ValuesFor(name, ids).Select(value => new Dictionary<string, string>(set) { [name] = value })));
        foreach (var set in values)
        {
            var path = "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => set[parameter.Name],
                _ => "",
            }))));
            yield return pattern.RawText?.EndsWith('/') == true && path != "/" ? path + "/" : path;
        }
    }

    private static IEnumerable<string> ValuesFor(string parameter, int[] ids) => parameter switch
    {
        "id" => ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "code" => ["404"],
        _ => ["1", "x"],
    };

    private static IEnumerable<Body> BodiesFor(string method) => method switch
    {
        "POST" => [Body.EmptyObject, Body.Junk, Body.Oversized, Body.WrongTypes, Body.Form],
        "PUT" or "PATCH" => [Body.EmptyObject, Body.Junk, Body.WrongTypes, Body.Form],
        _ => [Body.Junk],
    };

    // Debug logging of thousands of requests would take most of the time budget.
    public sealed class QuietApp : JwtBlogApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }

    private sealed record Body(string Name, Func<HttpContent?> Create)
    {
        public static readonly Body None = new("none", () => null);

        public static readonly Body EmptyObject = new("{}", () => Json("{}"));

        public static readonly Body Junk = new("junk", () => new ByteArrayContent([0xC3, 0x28, 0x00, 0xFF, 0x7B, 0x22, 0xFE]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

        public static readonly Body Oversized = new("2MB", () => new ByteArrayContent(_twoMegabytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

        public static readonly Body WrongTypes = new("wrong-types", () => Json("{\"title\":[1],\"content\":{},\"email\":{},\"password\":7,\"date_of_birth\":true,\"token\":[]}"));

        public static readonly Body Form = new("form", () => new FormUrlEncodedContent(
        [
            new("title", "x"), new("Input.IsActive", "maybe"), new("Input.IsStaff", "[]"), new("Input.Title", ""), new("Input.DateOfBirth", "not a date"),
            new("Input.AuthorEmail", "{}"), new("Input.Password1", "x"), new("Input.Gender", "\u0000"),
        ]));

        private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
    }
}
