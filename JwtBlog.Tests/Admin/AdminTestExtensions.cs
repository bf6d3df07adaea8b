using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Admin;
using JwtBlog.Web.Features.Blog;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

internal static class AdminTestExtensions
{
    public static async Task<SignedInClient> SignInStaffAsync(this JwtBlogApp app, bool superuser = false) =>
        await app.SignInAsync(await app.CreateUserAsync(staff: true, superuser: superuser));

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

    public static Task<AppUser> ReloadAsync(this JwtBlogApp app, AppUser user) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));

    public static Task<List<AdminLogEntry>> LogForAsync(this JwtBlogApp app, string objectType, int objectId) =>
        app.WithDbAsync(db => db.AdminLog.AsNoTracking()
            .Where(e => e.ObjectType == objectType && e.ObjectId == objectId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(e => e.Id).ToListAsync());

    // Submits a form of the page at url and returns the answer (not followed).
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, string formSelector, IDictionary<string, string>? values = null)
    {
        var page = await Html.GetDocumentAsync(client, url);
        return await client.SubmitAsync(Html.Form(page, formSelector), values);
    }

    public static string RedirectTarget(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<IHtmlDocument> FollowAsync(this HttpClient client, HttpResponseMessage response) =>
        await Html.GetDocumentAsync(client, response.RedirectTarget());

    // The field's error text next to it (the validation message for the field name), "" when none.
    public static string ErrorFor(this IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
}
