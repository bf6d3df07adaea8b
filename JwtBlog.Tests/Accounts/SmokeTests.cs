using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Accounts;

public sealed class SmokeTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task SignedInClientCanCallTheTestEndpointWithItsCookie()
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.GetAsync("/accounts/test/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal(signedIn.User.Email, body!["user"]);
    }
}
