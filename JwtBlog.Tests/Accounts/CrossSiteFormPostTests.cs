using System.Net;
using System.Net.Http.Headers;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Accounts;

// A cross-site <form> always declares a Content-Type (and needs no CORS preflight), so logout/ and token/refresh/,
// which need no CSRF header, must refuse any declared non-JSON body, even an empty one.
public sealed class CrossSiteFormPostTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    public static TheoryData<string, string> FormPosts => new()
    {
        { "/accounts/logout/", "application/x-www-form-urlencoded" },
        { "/accounts/logout/", "multipart/form-data; boundary=x" },
        { "/accounts/logout/", "text/plain" },
        { "/accounts/token/refresh/", "application/x-www-form-urlencoded" },
        { "/accounts/token/refresh/", "multipart/form-data; boundary=x" },
        { "/accounts/token/refresh/", "text/plain" },
    };

    [Theory]
    [MemberData(nameof(FormPosts))]
    public async Task AnEmptyFormPostIsRefusedAndTheSessionLives(string url, string contentType)
    {
        var signedIn = await app.SignInAsync();
        signedIn.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await signedIn.Client.PostAsync(url, content);

        var body = await response.JsonAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal($"Unsupported media type \"{contentType}\" in request.", body.GetProperty("detail").GetString());
        Assert.Empty(response.SetCookies());
        var user = await signedIn.Client.GetAsync("/accounts/user/");
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task APostWithoutTypeAndBodyAsApiJsSendsItStillLogsOut()
    {
        var signedIn = await app.SignInAsync();

        var response = await signedIn.Client.PostAsync("/accounts/logout/", null);

        Assert.Equal("{\"detail\":\"Successfully logged out.\"}", await response.RawJsonAsync(HttpStatusCode.OK));
        var user = await signedIn.Client.GetAsync("/accounts/user/");
        Assert.Equal(HttpStatusCode.Unauthorized, user.StatusCode);
    }

    [Fact]
    public async Task APostWithoutTypeAndBodyStillRefreshes()
    {
        var signedIn = await app.SignInAsync();

        var response = await signedIn.Client.PostAsync("/accounts/token/refresh/", null);

        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access").GetString()));
    }
}
