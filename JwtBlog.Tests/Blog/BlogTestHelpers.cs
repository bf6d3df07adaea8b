using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Blog;

internal static class BlogTestHelpers
{
    public static async Task<JsonObject> CreatePostAsync(this HttpClient client, string title = "A title", string content = "Some content")
    {
        var response = await client.PostAsJsonAsync("/blog/", new { title, content });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync())["post"]!.AsObject();
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, string method, string url, object? body = null) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = body is null ? null : JsonContent.Create(body),
        });

    // Authorization: Bearer only: no cookies, no CSRF header.
    public static HttpClient CreateBearerClient(this JwtBlogApp app, SignedInClient signedIn)
    {
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.AccessToken);
        return client;
    }

    public static Task<Post?> FindPostAsync(this JwtBlogApp app, int id) =>
        app.WithDbAsync(db => db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id));

    // Many rows at once, straight into the database, for the pagination tests.
    public static Task<List<int>> InsertPostsAsync(this JwtBlogApp app, int count, int? authorId, string prefix = "Post")
    {
        return app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var posts = Enumerable.Range(1, count)
                .Select(i => new Post { Title = $"{prefix} {i}", Content = $"Content {i}", AuthorId = authorId, CreatedAt = now, UpdatedAt = now })
                .ToList();
            db.Posts.AddRange(posts);
            await db.SaveChangesAsync();
            return posts.Select(p => p.Id).ToList();
        });
    }

    public static async Task DeleteUserAsync(this JwtBlogApp app, AppUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stored = await users.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True((await users.DeleteAsync(stored!)).Succeeded);
    }

    public static Task SetStaffAsync(this JwtBlogApp app, AppUser user, bool staff) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, staff)));

    public static string ApiDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
