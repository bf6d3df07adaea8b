using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Blog;

// One account must not fill the disk: new posts and edits are limited per user (staff exempt), across parallel requests.
public sealed class PostWriteLimitTests
{
    [Fact]
    public async Task ParallelCreatesBeyondTheMinuteLimitGetExactlyTheLimitOf201s()
    {
        using var app = JwtBlogApp.With(("RateLimiting:PostsPerMinutePerUser", "10"), ("RateLimiting:PostsPerDayPerUser", "100"));
        var writer = await app.SignInAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            writer.Client.PostAsJsonAsync("/blog/", new { title = $"Post {i}", content = "Some content" })));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(15, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal("{\"detail\":\"Too many new posts. Try again later.\"}", await response.RawJsonAsync(HttpStatusCode.TooManyRequests));
            Assert.True(int.Parse(response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        }

        Assert.Equal(10, await app.WithDbAsync(db => Task.FromResult(db.Posts.Count(p => p.AuthorId == writer.User.Id))));
    }

    [Fact]
    public async Task TheDayLimitHoldsAndOtherUsersAreNotAffected()
    {
        using var app = JwtBlogApp.With(("RateLimiting:PostsPerMinutePerUser", "1000"), ("RateLimiting:PostsPerDayPerUser", "3"));
        var writer = await app.SignInAsync();
        var other = await app.SignInAsync();

        for (var i = 0; i < 3; i++)
        {
            await writer.Client.CreatePostAsync();
        }

        var refused = await writer.Client.PostAsJsonAsync("/blog/", new { title = "One more", content = "Some content" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 60);
        await other.Client.CreatePostAsync();
    }

    [Fact]
    public async Task StaffAreExempt()
    {
        using var app = JwtBlogApp.With(("RateLimiting:PostsPerMinutePerUser", "2"), ("RateLimiting:PostsPerDayPerUser", "2"));
        var staff = await app.SignInAsync(await app.CreateUserAsync(staff: true));

        for (var i = 0; i < 4; i++)
        {
            await staff.Client.CreatePostAsync();
        }
    }

    [Fact]
    public async Task EditsAreLimitedToo()
    {
        using var app = JwtBlogApp.With(("RateLimiting:PostEditsPerMinutePerUser", "2"));
        var writer = await app.SignInAsync();
        var post = await writer.Client.CreatePostAsync();
        var url = $"/blog/{(int)post["id"]!}/";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await writer.Client.SendJsonAsync(HttpMethod.Patch, url, new { title = $"Edit {i}" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
