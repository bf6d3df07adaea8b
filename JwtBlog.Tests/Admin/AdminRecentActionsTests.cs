using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using JwtBlog.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

public sealed class AdminRecentActionsTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task TheAdminHomeListsTheLatestChangesNewestFirstWithWhoWhatAndWhen()
    {
        var staff = await app.SignInStaffAsync(superuser: true);
        var target = await app.CreateUserAsync();
        var marker = Guid.NewGuid().ToString("N")[..10];

        await AdminUserEditPage.SaveAsync(staff.Client, target.Id, new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Secret-Looking Name",
            ["Input.IsStaff"] = "true",
        });
        await AdminUserPasswordPage.SetPasswordAsync(staff.Client, target.Id, "Fresh-Heron-Pond-77", "Fresh-Heron-Pond-77");
        await AdminPostEditPage.AddAsync(staff.Client, new Dictionary<string, string>
        {
            ["Input.Title"] = $"Logged {marker}",
            ["Input.Content"] = "Content",
        });
        var post = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.Title == $"Logged {marker}"));
        await (await DeleteConfirmationPage.OpenAsync(staff.Client, $"/admin/posts/{post.Id}/delete")).ConfirmAsync();

        var page = await Html.GetDocumentAsync(staff.Client, "/admin");

        var rows = page.QuerySelectorAll("#recent-actions tbody tr").Take(4).ToList();
        var cells = rows.Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(
            [
                (staff.User.Email!, "delete", $"post: Logged {marker}", "Deleted."),
                (staff.User.Email!, "add", $"post: Logged {marker}", "Added."),
                (staff.User.Email!, "change", $"user: {target.Email}", "Changed password."),
                (staff.User.Email!, "change", $"user: {target.Email}", "Changed First name and Staff status."),
            ],
            cells.Select(c => (c[1], c[2], string.Join(' ', c[3].Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)), c[4])));
        Assert.All(cells, c => Assert.Equal("just now", c[0]));

        // Deleted objects are named but not linked; the others link to their page.
        Assert.Null(rows[0].QuerySelector("a"));
        Assert.Equal($"/admin/users/{target.Id}", rows[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("Fresh-Heron-Pond-77", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Looking Name", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryEntryRecordsTheActorObjectActionAndTime()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();

        await (await AdminUserEditPage.OpenAsync(staff.Client, target.Id)).EndSessionsAsync();

        var entry = Assert.Single(await app.LogForAsync(AdminObjectTypes.User, target.Id));
        Assert.Equal(
            (staff.User.Id, staff.User.Email, "user", target.Email, "change", "Ended all sessions.", app.Clock.GetUtcNow().UtcDateTime),
            (entry.ActorId, entry.ActorEmail, entry.ObjectType, entry.ObjectLabel, entry.Action, entry.Summary, entry.At));
    }

    [Fact]
    public async Task TheHomeShowsAtMostTheLatestThirtyActions()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();
        for (var i = 0; i < AdminLog.RecentCount + 3; i++)
        {
            await (await AdminUserEditPage.OpenAsync(staff.Client, target.Id)).EndSessionsAsync();
        }

        var page = await Html.GetDocumentAsync(staff.Client, "/admin");

        Assert.Equal(AdminLog.RecentCount, page.QuerySelectorAll("#recent-actions tbody tr").Length);
    }
}
