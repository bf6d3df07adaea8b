using System.Globalization;
using System.Net.Http.Headers;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Admin;
using JwtBlog.Web.Features.Blog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Infrastructure;

// Rows written and read straight in the test app's database, and the clients that go with them.
public static class TestData
{
    public static async Task<SignedInClient> SignInStaffAsync(this JwtBlogApp app, bool superuser = false) =>
        await app.SignInAsync(await app.CreateUserAsync(staff: true, superuser: superuser));

    // Authorization: Bearer only: no cookies, no CSRF header.
    public static HttpClient CreateBearerClient(this JwtBlogApp app, SignedInClient signedIn) => app.CreateBearerClient(signedIn.AccessToken);

    public static HttpClient CreateBearerClient(this JwtBlogApp app, string accessToken)
    {
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<Post> CreatePostAsync(this JwtBlogApp app, AppUser? author, string title = "A post", string content = "Some content.")
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var post = new Post { Title = title, Content = content, AuthorId = author?.Id, CreatedAt = now, UpdatedAt = now };
        await app.WithDbAsync(db =>
        {
            db.Posts.Add(post);
            return db.SaveChangesAsync();
        });
        return post;
    }

    // Many rows at once, for the pagination tests.
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

    public static Task<Post?> FindPostAsync(this JwtBlogApp app, int id) =>
        app.WithDbAsync(db => db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id));

    public static Task<AppUser> ReloadAsync(this JwtBlogApp app, AppUser user) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));

    public static async Task DeleteUserAsync(this JwtBlogApp app, AppUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stored = await users.FindByIdAsync(user.Id.ToString(CultureInfo.InvariantCulture));
        Assert.True((await users.DeleteAsync(stored!)).Succeeded);
    }

    public static Task SetStaffAsync(this JwtBlogApp app, AppUser user, bool staff) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, staff)));

    public static Task<List<AdminLogEntry>> LogForAsync(this JwtBlogApp app, string objectType, int objectId) =>
        app.WithDbAsync(db => db.AdminLog.AsNoTracking()
            .Where(e => e.ObjectType == objectType && e.ObjectId == objectId.ToString(CultureInfo.InvariantCulture))
            .OrderBy(e => e.Id).ToListAsync());
}
