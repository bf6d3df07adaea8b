using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

public sealed class AdminAccessTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    public static readonly TheoryData<string> Routes =
    [
        "/admin",
        "/admin/users",
        "/admin/users/{user}",
        "/admin/users/{user}/password",
        "/admin/users/{user}/delete",
        "/admin/posts",
        "/admin/posts/new",
        "/admin/posts/{post}",
        "/admin/posts/{post}/delete",
    ];

    // Every form an admin page posts, as (page, form) pairs.
    public static readonly TheoryData<string, string> Forms = new()
    {
        { "/admin/users/{user}", AdminUserEditPage.FormSelector },
        { "/admin/users/{user}", AdminUserEditPage.EndSessionsFormSelector },
        { "/admin/users/{user}/password", AdminUserPasswordPage.FormSelector },
        { "/admin/users/{user}/delete", DeleteConfirmationPage.FormSelector },
        { AdminPostEditPage.NewPath, AdminPostEditPage.FormSelector },
        { "/admin/posts/{post}", AdminPostEditPage.FormSelector },
        { "/admin/posts/{post}/delete", DeleteConfirmationPage.FormSelector },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnonymousVisitorsAreSentToTheLoginPageWithoutContent(string route)
    {
        var url = await UrlAsync(route);
        var response = await app.CreateBrowser().GetAsync(url);

        Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(url), response.RedirectTarget());
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task SignedInUsersWhoAreNotStaffGetTheForbiddenPage(string route)
    {
        var user = await app.SignInAsync();
        var response = await user.Client.GetAsync(await UrlAsync(route));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Forbidden", page.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task StaffCanOpenEveryAdminPage(string route)
    {
        var staff = await app.SignInStaffAsync();
        var page = await Html.GetDocumentAsync(staff.Client, await UrlAsync(route));
        Assert.NotNull(page.QuerySelector("#admin-nav-users"));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task SuperusersCanOpenEveryAdminPage(string route)
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var page = await Html.GetDocumentAsync(superuser.Client, await UrlAsync(route));
        Assert.NotNull(page.QuerySelector("#admin-nav-users"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task EveryAdminFormIsRefusedToAnonymousVisitorsAndToUsersWhoAreNotStaff(string route, string form)
    {
        var url = await UrlAsync(route);
        var staff = await app.SignInStaffAsync(superuser: true);
        var page = await Html.GetDocumentAsync(staff.Client, url);

        var anonymous = await app.CreateBrowser().SubmitAsync(Html.Form(page, form));
        Assert.StartsWith("/login?returnUrl=", anonymous.RedirectTarget(), StringComparison.Ordinal);

        var user = await app.SignInAsync();
        var forbidden = await user.Client.SubmitAsync(Html.Form(await Html.ParseAsync(await staff.Client.GetAsync(url)), form));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task EveryAdminFormWithoutItsAntiforgeryTokenIsRefused(string route, string form)
    {
        var url = await UrlAsync(route);
        var staff = await app.SignInStaffAsync(superuser: true);

        // The page scripts' header carries the same token; a plain form post has only the form field.
        staff.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var page = await Html.GetDocumentAsync(staff.Client, url);
        var element = Html.Form(page, form);
        element.QuerySelector("input[name=__RequestVerificationToken]")!.Remove();

        var response = await staff.Client.SubmitAsync(element);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task StaffDemotedMidSessionIsRefusedOnTheNextRequest()
    {
        var staff = await app.SignInStaffAsync();
        await Html.GetDocumentAsync(staff.Client, "/admin/users");

        await app.WithDbAsync(db => db.Users.Where(u => u.Id == staff.User.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, false)));

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync("/admin/users")).StatusCode);
        var page = await Html.GetDocumentAsync(staff.Client, "/account");
        Assert.Null(page.QuerySelector("#nav-admin"));
    }

    [Fact]
    public async Task StaffDeactivatedMidSessionIsRefusedOnTheNextRequest()
    {
        var staff = await app.SignInStaffAsync();
        await Html.GetDocumentAsync(staff.Client, "/admin");

        await app.WithDbAsync(db => db.Users.Where(u => u.Id == staff.User.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        // Refused either by the staff check (403) or, once the session check sees the inactive user, by authentication.
        var response = await staff.Client.GetAsync("/admin");
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || response.Headers.Location?.OriginalString.StartsWith("/login", StringComparison.Ordinal) == true,
            $"Got {response.StatusCode}");
    }

    [Fact]
    public async Task StaffDemotedMidSessionCannotSubmitAFormLoadedBefore()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();
        var page = await AdminUserEditPage.OpenAsync(staff.Client, target.Id);

        await app.SetStaffAsync(staff.User, false);
        var response = await page.SaveAsync(new Dictionary<string, string> { ["Input.IsStaff"] = "true" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await app.ReloadAsync(target)).IsStaff);
    }

    [Fact]
    public async Task AFailingStaffCheckBlocksTheRequest()
    {
        // Its own app: this test breaks the database. The session check is cached, so only the staff check fails.
        await using var broken = JwtBlogApp.With(("Jwt:SessionCheckCacheDuration", "00:01:00"));
        var staff = await broken.SignInStaffAsync();
        var post = await broken.CreatePostAsync(staff.User, "Unchanged");
        var page = await AdminPostEditPage.OpenAsync(staff.Client, post.Id);

        await broken.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Users\" RENAME TO \"UsersGone\""));
        var get = await staff.Client.GetAsync("/admin");
        var submit = await page.SaveAsync(new Dictionary<string, string> { ["Input.Title"] = "Changed" });
        await broken.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"UsersGone\" RENAME TO \"Users\""));

        Assert.Equal(HttpStatusCode.InternalServerError, get.StatusCode);
        Assert.DoesNotContain("Site administration", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, submit.StatusCode);
        Assert.Equal("Unchanged", (await broken.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == post.Id))).Title);
    }

    [Fact]
    public async Task UnknownIdsAreNotFound()
    {
        var staff = await app.SignInStaffAsync();
        foreach (var url in new[] { "/admin/users/999999", "/admin/users/999999/delete", "/admin/users/999999/password", "/admin/posts/999999", "/admin/posts/999999/delete" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await staff.Client.GetAsync(url)).StatusCode);
        }
    }

    private async Task<string> UrlAsync(string route)
    {
        if (route.Contains("{user}", StringComparison.Ordinal))
        {
            route = route.Replace("{user}", (await app.CreateUserAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (route.Contains("{post}", StringComparison.Ordinal))
        {
            var post = await app.CreatePostAsync(await app.CreateUserAsync());
            route = route.Replace("{post}", post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return route;
    }
}
