using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Platform;

// A page answers only the methods it has handlers for (GET and HEAD always): anything else is 405 with Allow.
public sealed class PageMethodTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task PostsToPagesWithoutAPostHandlerAre405ForAnyoneAndLogNoError()
    {
        var signedIn = await app.SignInAsync();
        var created = await signedIn.Client.SendJsonAsync(HttpMethod.Post, "/blog/", new { title = "Methods", content = "x" });
        var id = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("post").GetProperty("id").GetInt32();
        var errorsBefore = app.Logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal));

        foreach (var client in new[] { app.CreateBrowser(), signedIn.Client })
        {
            foreach (var url in new[] { $"/posts/{id}", $"/posts/{id}/edit", "/", "/write", "/login", "/register", "/account" })
            {
                var response = await client.PostAsync(url, new FormUrlEncodedContent([new("title", "x")]));
                // Pages for signed-in users send anyone else to the login page first.
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed || (response.StatusCode == HttpStatusCode.Redirect && client != signedIn.Client),
                    $"POST {url} answered {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
                {
                    // /account has named POST handlers (the session forms), so a POST without one is still 405.
                    Assert.Equal(url == "/account" ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"], response.Content.Headers.Allow);
                }
            }
        }

        Assert.Equal(errorsBefore, app.Logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("PUT", "/login")]
    [InlineData("DELETE", "/")]
    [InlineData("PATCH", "/register")]
    [InlineData("TRACE", "/posts/1")]
    [InlineData("PUT", "/logout")]
    public async Task OtherMethodsAre405Too(string method, string url)
    {
        var signedIn = await app.SignInAsync();
        var response = await signedIn.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task TheAllowHeaderListsTheMethodsThePageHandles()
    {
        var staff = await app.SignInAsync(await app.CreateUserAsync(staff: true));
        var response = await staff.Client.PutAsync($"/admin/users/{staff.User.Id}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow);
        var named = await staff.Client.PostAsync("/posts/1?handler=Delete", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, named.StatusCode);
    }

    [Fact]
    public async Task OptionsListsThePagesMethods()
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Options, "/logout"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task PagesStillAnswerTheMethodsTheyHandle()
    {
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/login"))).StatusCode);
    }
}
