using System.Net;
using System.Net.Http.Headers;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Platform;

// Whatever the body, the JSON API answers a 4xx in JSON and never a 500.
public sealed class BadInputTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    public static TheoryData<string> Bodies =>
    [
        "{\"email\":\"\\ud800\",\"password\":\"x\"}",
        "{\"email\":\"a@example.com\",\"email\":\"b@example.com\",\"password\":\"x\"}",
        "{\"\\udc00\":1}",
        "[1,2,3]",
        "\"just a string\"",
        "null",
        new string('[', 100) + new string(']', 100),
        "{\"email\":{\"nested\":[\"\\udfff\"]}}",
        "{\"title\":\"a\u0000b\",\"content\":\"c\"}",
    ];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task OddJsonIsA400OnEveryJsonEndpoint(string body)
    {
        var signedIn = await app.SignInAsync();
        foreach (var (method, url) in new[] { ("POST", "/accounts/login/"), ("POST", "/accounts/join/"), ("PATCH", "/accounts/user/"), ("POST", "/blog/"), ("POST", "/accounts/token/refresh/") })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await signedIn.Client.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {url} answered {(int)response.StatusCode} to {body}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task InvalidUtf8IsA400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/login/")
        {
            Content = new ByteArrayContent([.. "{\"email\":\""u8.ToArray(), 0xC3, 0x28, .. "\",\"password\":\"x\"}"u8.ToArray()]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("\"a@b\"@example.com")]
    [InlineData("a\\\r@example.com")]
    [InlineData("a@@example.com")]
    public async Task EmailsIdentityWouldRefuseAreA400(string email)
    {
        var response = await app.CreateClient().PostJsonAsync("/accounts/join/", new { email, password1 = "correct horse battery", password2 = "correct horse battery" });
        Assert.Equal("{\"email\":[\"Enter a valid email address.\"]}", await response.RawJsonAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task AUnicodeDomainIsStoredOnceInItsAsciiForm()
    {
        var local = "u" + Guid.NewGuid().ToString("N")[..8];
        var first = await app.CreateClient().PostJsonAsync("/accounts/join/", new { email = $"{local}@exämple.com", password1 = "correct horse battery", password2 = "correct horse battery" });
        Assert.Equal($"{local}@xn--exmple-cua.com", (await first.JsonAsync(HttpStatusCode.Created)).GetProperty("user").GetProperty("email").GetString());
        var twin = await app.CreateClient().PostJsonAsync("/accounts/join/", new { email = $"{local}@xn--exmple-cua.com", password1 = "correct horse battery", password2 = "correct horse battery" });
        await twin.JsonAsync(HttpStatusCode.BadRequest);
        var login = await app.CreateClient().PostJsonAsync("/accounts/login/", new { email = $"{local}@EXÄMPLE.com", password = "correct horse battery" });
        await login.JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class ConcurrentChangeTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task RacingEditsAndDeletesOfOnePostNeverAnswer500()
    {
        var signedIn = await app.SignInAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 15; i++)
        {
            var created = await client.SendJsonAsync(HttpMethod.Post, "/blog/", new { title = $"Race {i}", content = "x" }, bearer: signedIn.AccessToken);
            var url = created.Headers.Location!.ToString();
            var responses = await Task.WhenAll(
                client.SendJsonAsync(HttpMethod.Patch, url, new { title = "Edited" }, bearer: signedIn.AccessToken),
                client.SendJsonAsync(HttpMethod.Delete, url, bearer: signedIn.AccessToken),
                client.SendJsonAsync(HttpMethod.Put, url, new { title = "Put", content = "y" }, bearer: signedIn.AccessToken),
                client.SendJsonAsync(HttpMethod.Delete, url, bearer: signedIn.AccessToken));
            Assert.All(responses, r => Assert.Contains((int)r.StatusCode, new[] { 200, 204, 404, 409 }));
        }
    }
}
