using System.Net;
using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Accounts;

public sealed class CsrfAndCorsTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string CsrfFailed = "{\"detail\":\"CSRF Failed: CSRF token missing or incorrect.\"}";

    [Theory]
    [InlineData("/login")]
    [InlineData("/register")]
    public async Task APageWhoseScriptsPostCarriesTheCsrfMeta(string path)
    {
        var document = await Html.GetDocumentAsync(app.CreateClient(), path);
        Assert.False(string.IsNullOrEmpty(document.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content")));
    }

    [Fact]
    public async Task EveryPageOfASignedInUserCarriesTheCsrfMeta()
    {
        var signedIn = await app.SignInAsync();
        var document = await Html.GetDocumentAsync(signedIn.Client, "/");
        Assert.False(string.IsNullOrEmpty(document.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content")));
        Assert.NotNull(document.QuerySelector("#logout-form input[name=__RequestVerificationToken]"));
    }

    // Nothing on the home page posts for a visitor, so it costs no antiforgery work and sets no cookie.
    [Fact]
    public async Task TheHomePageForAVisitorHasNoCsrfMetaAndSetsNoCookie()
    {
        using var response = await app.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []);
        var document = await Html.ParseAsync(response);
        Assert.Null(document.QuerySelector("meta[name=csrf-token]"));
    }

    [Fact]
    public async Task CookieAuthenticatedWritesWithoutTheHeaderAre403AndChangeNothing()
    {
        var signedIn = await app.SignInAsync();
        var client = signedIn.Client;
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var put = await client.SendJsonAsync(HttpMethod.Put, "/accounts/user/", new { first_name = "Mallory" });
        Assert.Equal(CsrfFailed, await put.RawJsonAsync(HttpStatusCode.Forbidden));
        var patch = await client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { first_name = "Mallory" });
        Assert.Equal(CsrfFailed, await patch.RawJsonAsync(HttpStatusCode.Forbidden));
        var change = await client.PostJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = "brand new secret 1", new_password2 = "brand new secret 1" });
        Assert.Equal(CsrfFailed, await change.RawJsonAsync(HttpStatusCode.Forbidden));

        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", "forged-token");
        var forged = await client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { first_name = "Mallory" });
        Assert.Equal(CsrfFailed, await forged.RawJsonAsync(HttpStatusCode.Forbidden));

        var stored = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == signedIn.User.Id));
        Assert.Equal("", stored.FirstName);
    }

    [Fact]
    public async Task TheHeaderFromThePageLetsTheWriteThrough()
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { first_name = "Alice" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnotherUsersCsrfTokenIsRefused()
    {
        var victim = await app.SignInAsync();
        var attacker = await app.SignInAsync();
        victim.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        victim.Client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", attacker.CsrfToken);
        var response = await victim.Client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { first_name = "Mallory" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task BearerAuthenticatedWritesNeedNoCsrfHeader()
    {
        var signedIn = await app.SignInAsync();
        var response = await app.CreateClient().SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { first_name = "Bob" }, bearer: signedIn.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoginJoinRefreshAndLogoutNeedNoCsrfHeader()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/accounts/login/", new { email = user.Email, password = JwtBlogApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/accounts/logout/", null)).StatusCode);
        var join = await client.PostJsonAsync("/accounts/join/", new { email = app.NewEmail(), password1 = "correct horse battery", password2 = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, join.StatusCode);
    }

    [Fact]
    public async Task NoOriginIsAllowedByDefault()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/accounts/login/");
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var preflight = await app.CreateClient().SendAsync(request);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        var actual = new HttpRequestMessage(HttpMethod.Get, "/health");
        actual.Headers.Add("Origin", "http://evil.example");
        var response = await app.CreateClient().SendAsync(actual);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class ConfiguredCorsTests : IDisposable
{
    private readonly JwtBlogApp _app = JwtBlogApp.With(("Cors:AllowedOrigins:0", "https://app.example.com"));

    [Fact]
    public async Task ListedOriginGetsCredentialedCorsAndOthersGetNothing()
    {
        foreach (var (origin, allowed) in new[] { ("https://app.example.com", true), ("https://evil.example", false), ("null", false), ("https://app.example.com.evil.example", false) })
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/accounts/login/");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,x-csrf-token");
            var response = await _app.CreateClient().SendAsync(request);
            if (allowed)
            {
                Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
                Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
            }
            else
            {
                Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), origin);
            }
        }
    }

    [Fact]
    public void AWildcardOriginStopsStartUp()
    {
        using var wildcard = JwtBlogApp.With(("Cors:AllowedOrigins:0", "*"));
        var error = Assert.Throws<InvalidOperationException>(() => wildcard.CreateClient());
        Assert.Contains("exact origin", error.Message);
    }

    public void Dispose() => _app.Dispose();
}
