using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using JwtBlog.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

public sealed class AdminUserEditTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task StaffCanChangeNamesGenderBirthDateAndFlags()
    {
        var staff = await app.SignInStaffAsync(superuser: true);
        var target = await app.CreateUserAsync();

        var response = await AdminUserEditPage.SaveAsync(staff.Client, target.Id, new Dictionary<string, string>
        {
            ["Input.FirstName"] = "  Alice ",
            ["Input.LastName"] = "Kim",
            ["Input.Gender"] = "female",
            ["Input.DateOfBirth"] = "1990-04-01",
            ["Input.IsStaff"] = "true",
        });

        var page = new AdminUserEditPage(staff.Client, await staff.Client.FollowAsync(response));
        Assert.Equal(AdminUserEditPage.PathFor(target.Id), response.RedirectTarget());
        Assert.Contains("was changed", page.Status, StringComparison.Ordinal);
        Assert.Equal("Alice", page.Input("FirstName").Value);
        var saved = await app.ReloadAsync(target);
        Assert.Equal(("Alice", "Kim", "female", new DateOnly(1990, 4, 1), true, true, false),
            (saved.FirstName, saved.LastName, saved.Gender, saved.DateOfBirth, saved.IsActive, saved.IsStaff, saved.IsSuperuser));
    }

    [Fact]
    public async Task InvalidFieldsAreShownNextToTheFieldsAndNothingIsSaved()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();
        var tomorrow = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(1));

        var response = await AdminUserEditPage.SaveAsync(staff.Client, target.Id, new Dictionary<string, string>
        {
            ["Input.FirstName"] = new string('a', 151),
            ["Input.LastName"] = "Kept?",
            ["Input.DateOfBirth"] = tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AdminUserEditPage.ParseAsync(staff.Client, response);
        Assert.Equal("Ensure this field has no more than 150 characters.", page.ErrorFor("Input.FirstName"));
        Assert.Equal("Date of birth cannot be in the future.", page.ErrorFor("Input.DateOfBirth"));
        Assert.Equal("", page.ErrorFor("Input.LastName"));
        Assert.Equal("Kept?", page.Input("LastName").Value);
        var saved = await app.ReloadAsync(target);
        Assert.Equal(("", "", null), (saved.FirstName, saved.LastName, saved.DateOfBirth));
    }

    [Fact]
    public async Task AnUnknownGenderOrAMalformedDateIsRefused()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();
        var page = await AdminUserEditPage.OpenAsync(staff.Client, target.Id);
        var gender = (IHtmlSelectElement)page.Form.Elements["Input.Gender"]!;
        var robot = (IHtmlOptionElement)page.Document.CreateElement("option");
        robot.Value = "robot";
        gender.AddOption(robot);

        var response = await page.SaveAsync(new Dictionary<string, string> { ["Input.Gender"] = "robot", ["Input.DateOfBirth"] = "not a date" });

        var result = await Html.ParseAsync(response);
        Assert.Contains("robot is not one of the available choices", result.ErrorFor("Input.Gender"), StringComparison.Ordinal);
        Assert.NotEqual("", result.ErrorFor("Input.DateOfBirth"));
        Assert.Equal("", (await app.ReloadAsync(target)).Gender);
    }

    [Fact]
    public async Task StaffWhoAreNotSuperusersCannotGrantSuperuserStatus()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();
        var page = await AdminUserEditPage.OpenAsync(staff.Client, target.Id);
        var checkbox = page.Input("IsSuperuser");
        Assert.True(checkbox.IsDisabled);

        // A hand-made request gets the same answer as the disabled box says.
        checkbox.IsDisabled = false;
        var response = await page.SaveAsync(new Dictionary<string, string> { ["Input.IsSuperuser"] = "true", ["Input.FirstName"] = "X" });

        var result = await Html.ParseAsync(response);
        Assert.Equal("Only a superuser can grant or remove superuser status.", result.ErrorFor("Input.IsSuperuser"));
        var saved = await app.ReloadAsync(target);
        Assert.Equal((false, ""), (saved.IsSuperuser, saved.FirstName));
    }

    [Fact]
    public async Task SuperusersCanGrantAndRemoveSuperuserStatus()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var target = await app.CreateUserAsync(staff: true);

        await staff(superuser, target.Id, new() { ["Input.IsSuperuser"] = "true" });
        Assert.True((await app.ReloadAsync(target)).IsSuperuser);

        await staff(superuser, target.Id, new() { ["Input.IsSuperuser"] = "false" });
        Assert.False((await app.ReloadAsync(target)).IsSuperuser);

        static async Task staff(SignedInClient client, int id, Dictionary<string, string> values)
        {
            var response = await AdminUserEditPage.SaveAsync(client.Client, id, values);
            Assert.Equal(AdminUserEditPage.PathFor(id), response.RedirectTarget());
        }
    }

    [Fact]
    public async Task ASuperuserMustAlsoBeStaff()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var target = await app.CreateUserAsync();

        var response = await AdminUserEditPage.SaveAsync(superuser.Client, target.Id, new Dictionary<string, string> { ["Input.IsSuperuser"] = "true" });

        Assert.Equal("A superuser must also be staff.", (await Html.ParseAsync(response)).ErrorFor("Input.IsStaff"));
        Assert.False((await app.ReloadAsync(target)).IsSuperuser);
    }

    [Fact]
    public async Task StaffWhoAreNotSuperusersCannotChangeOrDeleteASuperuser()
    {
        var staff = await app.SignInStaffAsync();
        var superuser = await app.CreateUserAsync(staff: true, superuser: true);
        var superuserClient = await app.SignInAsync(superuser);

        var page = await AdminUserEditPage.OpenAsync(staff.Client, superuser.Id);
        Assert.NotNull(page.Find("#superuser-only"));
        Assert.Null(page.Find("#user-save"));
        Assert.Null(page.Find(AdminUserEditPage.EndSessionsFormSelector));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(AdminUserPasswordPage.PathFor(superuser.Id))).StatusCode);
        var deletePage = await DeleteConfirmationPage.OpenAsync(staff.Client, $"/admin/users/{superuser.Id}/delete");
        Assert.False(deletePage.CanDelete);

        // Forms taken from another target's pages, pointed at the superuser, are refused.
        var other = await app.CreateUserAsync();
        foreach (var (path, form) in new[]
        {
            ("", AdminUserEditPage.FormSelector), ("", AdminUserEditPage.EndSessionsFormSelector),
            ("/password", AdminUserPasswordPage.FormSelector), ("/delete", DeleteConfirmationPage.FormSelector),
        })
        {
            var otherPage = await Html.GetDocumentAsync(staff.Client, $"/admin/users/{other.Id}{path}");
            var element = Html.Form(otherPage, form);
            element.Action = element.Action.Replace($"/admin/users/{other.Id}", $"/admin/users/{superuser.Id}", StringComparison.Ordinal);
            var response = await staff.Client.SubmitAsync(element, form == AdminUserPasswordPage.FormSelector
                ? new Dictionary<string, string> { ["Input.Password1"] = "Fresh-Heron-Pond-77", ["Input.Password2"] = "Fresh-Heron-Pond-77" }
                : null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var saved = await app.ReloadAsync(superuser);
        Assert.Equal((true, true, true, superuser.PasswordHash), (saved.IsActive, saved.IsStaff, saved.IsSuperuser, saved.PasswordHash));
        Assert.Equal(HttpStatusCode.OK, (await superuserClient.Client.GetAsync("/accounts/test/")).StatusCode);
    }

    [Fact]
    public async Task StaffWhoAreNotSuperusersCannotGrantStaffOrChangeAnotherStaffMember()
    {
        var staff = await app.SignInStaffAsync();
        var user = await app.CreateUserAsync();

        var grant = await staff.Client.SubmitFormAsync($"/admin/users/{user.Id}", "#user-form", new Dictionary<string, string> { ["Input.IsStaff"] = "true" });
        Assert.Equal("Only a superuser can grant staff status.", (await Html.ParseAsync(grant)).ErrorFor("Input.IsStaff"));
        Assert.False((await app.ReloadAsync(user)).IsStaff);

        var colleague = await app.CreateUserAsync(staff: true);
        var colleagueClient = await app.SignInAsync(colleague);
        var page = await Html.GetDocumentAsync(staff.Client, $"/admin/users/{colleague.Id}");
        Assert.Equal("Only a superuser can change or delete another staff member.", page.QuerySelector("#superuser-only")?.TextContent);
        Assert.Null(page.QuerySelector("#user-save"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/admin/users/{colleague.Id}/password")).StatusCode);
        Assert.Null((await Html.GetDocumentAsync(staff.Client, $"/admin/users/{colleague.Id}/delete")).QuerySelector("#delete-form"));

        // Forms taken from a plain user's pages, pointed at the colleague, are refused.
        foreach (var (path, form) in new[] { ("", "#user-form"), ("", "#end-sessions-form"), ("/password", "#password-form"), ("/delete", "#delete-form") })
        {
            var userPage = await Html.GetDocumentAsync(staff.Client, $"/admin/users/{user.Id}{path}");
            var element = Html.Form(userPage, form);
            element.Action = element.Action.Replace($"/admin/users/{user.Id}", $"/admin/users/{colleague.Id}", StringComparison.Ordinal);
            var response = await staff.Client.SubmitAsync(element, form == "#password-form"
                ? new Dictionary<string, string> { ["Input.Password1"] = "Fresh-Heron-Pond-77", ["Input.Password2"] = "Fresh-Heron-Pond-77" }
                : null);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var saved = await app.ReloadAsync(colleague);
        Assert.Equal((true, true, colleague.PasswordHash), (saved.IsActive, saved.IsStaff, saved.PasswordHash));
        Assert.Equal(HttpStatusCode.OK, (await colleagueClient.Client.GetAsync("/accounts/test/")).StatusCode);
    }

    [Fact]
    public async Task ASuperuserCanGrantStaffAndChangeAnotherStaffMember()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var colleague = await app.CreateUserAsync(staff: true);
        var user = await app.CreateUserAsync();

        var grant = await superuser.Client.SubmitFormAsync($"/admin/users/{user.Id}", "#user-form", new Dictionary<string, string> { ["Input.IsStaff"] = "true" });
        Assert.Equal($"/admin/users/{user.Id}", grant.RedirectTarget());
        var rename = await superuser.Client.SubmitFormAsync($"/admin/users/{colleague.Id}", "#user-form", new Dictionary<string, string> { ["Input.FirstName"] = "Renamed" });
        Assert.Equal($"/admin/users/{colleague.Id}", rename.RedirectTarget());

        Assert.True((await app.ReloadAsync(user)).IsStaff);
        Assert.Equal("Renamed", (await app.ReloadAsync(colleague)).FirstName);
    }

    [Fact]
    public async Task NobodyCanRemoveTheirOwnStaffOrActiveFlag()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);

        var response = await AdminUserEditPage.SaveAsync(superuser.Client, superuser.User.Id, new Dictionary<string, string>
        {
            ["Input.IsStaff"] = "false",
            ["Input.IsActive"] = "false",
            ["Input.IsSuperuser"] = "false",
        });

        var page = await Html.ParseAsync(response);
        Assert.Equal("You cannot remove your own staff status.", page.ErrorFor("Input.IsStaff"));
        Assert.Equal("You cannot deactivate your own account.", page.ErrorFor("Input.IsActive"));
        var saved = await app.ReloadAsync(superuser.User);
        Assert.Equal((true, true, true), (saved.IsActive, saved.IsStaff, saved.IsSuperuser));
        Assert.Equal(HttpStatusCode.OK, (await superuser.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task StaffCanEditTheirOwnNamesAndSuperusersTheirOwnSuperuserFlag()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);

        var response = await AdminUserEditPage.SaveAsync(superuser.Client, superuser.User.Id, new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Me",
            ["Input.IsSuperuser"] = "false",
        });

        Assert.Equal(AdminUserEditPage.PathFor(superuser.User.Id), response.RedirectTarget());
        var saved = await app.ReloadAsync(superuser.User);
        Assert.Equal(("Me", true, true, false), (saved.FirstName, saved.IsActive, saved.IsStaff, saved.IsSuperuser));
        var page = await AdminUserEditPage.OpenAsync(superuser.Client, superuser.User.Id);
        Assert.Null(page.Find("#user-delete"));
    }

    [Fact]
    public async Task DeactivatingAUserEndsTheirSessionsAtOnce()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await target.Client.GetAsync("/accounts/test/")).StatusCode);

        var response = await AdminUserEditPage.SaveAsync(staff.Client, target.User.Id, new Dictionary<string, string> { ["Input.IsActive"] = "false" });

        Assert.Equal(AdminUserEditPage.PathFor(target.User.Id), response.RedirectTarget());
        Assert.False((await app.ReloadAsync(target.User)).IsActive);
        await AssertSignedOutAsync(target);
        Assert.Equal("Changed Active. Ended all sessions.", (await app.LogForAsync(AdminObjectTypes.User, target.User.Id)).Single().Summary);
    }

    [Fact]
    public async Task EndAllSessionsRefusesTheUsersTokensOnTheirNextRequest()
    {
        var staff = await app.SignInStaffAsync();
        var user = await app.CreateUserAsync();
        var first = await app.SignInAsync(user);
        var second = await app.SignInAsync(user);

        var response = await (await AdminUserEditPage.OpenAsync(staff.Client, user.Id)).EndSessionsAsync();

        var page = new AdminUserEditPage(staff.Client, await staff.Client.FollowAsync(response));
        Assert.Contains("sessions", page.Status, StringComparison.Ordinal);
        await AssertSignedOutAsync(first);
        await AssertSignedOutAsync(second);
        Assert.True((await app.ReloadAsync(user)).IsActive);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/admin")).StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Admin {staff.User.Id}: change user {user.Id}.", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Sessions of user {user.Id} ended by admin {staff.User.Id}: 2.", StringComparison.Ordinal));

        // They can log in again.
        var again = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/accounts/test/")).StatusCode);
    }

    [Fact]
    public async Task EndingYourOwnSessionsKeepsTheCurrentOne()
    {
        var staff = await app.SignInStaffAsync();
        var elsewhere = await app.SignInAsync(staff.User);

        await (await AdminUserEditPage.OpenAsync(staff.Client, staff.User.Id)).EndSessionsAsync();

        await AssertSignedOutAsync(elsewhere);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task SettingAPasswordAppliesThePasswordRules()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();
        var weak = await Html.ParseAsync(await AdminUserPasswordPage.SetPasswordAsync(staff.Client, target.Id, "1234", "1234"));
        Assert.Contains("This password is too short. It must contain at least 8 characters.", weak.ErrorFor("Input.Password1"), StringComparison.Ordinal);
        Assert.Contains("This password is too common.", weak.ErrorFor("Input.Password1"), StringComparison.Ordinal);

        var mismatch = await Html.ParseAsync(await AdminUserPasswordPage.SetPasswordAsync(staff.Client, target.Id, "Fresh-Heron-Pond-77", "Fresh-Heron-Pond-78"));
        Assert.Equal("The two password fields didn\u2019t match.", mismatch.ErrorFor("Input.Password2"));

        var similar = await Html.ParseAsync(await AdminUserPasswordPage.SetPasswordAsync(staff.Client, target.Id, target.Email!, target.Email!));
        Assert.Contains("too similar", similar.ErrorFor("Input.Password1"), StringComparison.Ordinal);

        var empty = await Html.ParseAsync(await (await AdminUserPasswordPage.OpenAsync(staff.Client, target.Id)).SubmitEmptyAsync());
        Assert.Equal("This field is required.", empty.ErrorFor("Input.Password1"));

        Assert.Equal(target.PasswordHash, (await app.ReloadAsync(target)).PasswordHash);
        Assert.Empty(await app.LogForAsync(AdminObjectTypes.User, target.Id));
    }

    [Fact]
    public async Task SettingAPasswordEndsTheUsersSessionsAndTheNewPasswordWorks()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.SignInAsync();
        const string NewPassword = "Fresh-Heron-Pond-77";

        var response = await AdminUserPasswordPage.SetPasswordAsync(staff.Client, target.User.Id, NewPassword, NewPassword);

        Assert.Equal(AdminUserEditPage.PathFor(target.User.Id), response.RedirectTarget());
        await AssertSignedOutAsync(target);
        var login = await app.CreateAccountsApi().LoginAsync(target.User.Email);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        var signedIn = await app.SignInAsync(target.User, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/accounts/test/")).StatusCode);

        var entry = Assert.Single(await app.LogForAsync(AdminObjectTypes.User, target.User.Id));
        Assert.Equal(("change", "Changed password.", staff.User.Email), (entry.Action, entry.Summary, entry.ActorEmail));
        Assert.DoesNotContain(NewPassword, entry.Summary + entry.ObjectLabel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAUserAsksFirstThenKeepsTheirPostsWithoutAnAuthor()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.SignInAsync();
        var post = await app.CreatePostAsync(target.User, "Stays");

        var confirm = await DeleteConfirmationPage.OpenAsync(staff.Client, $"/admin/users/{target.User.Id}/delete");
        Assert.Equal(target.User.Email, confirm.Get("#delete-email").TextContent);
        Assert.Contains("1 post stays", confirm.Get("#delete-posts").TextContent, StringComparison.Ordinal);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.FindAsync(target.User.Id).AsTask()));

        var response = await confirm.ConfirmAsync();

        Assert.Equal("/admin/users", response.RedirectTarget());
        Assert.Null(await app.WithDbAsync(db => db.Users.FindAsync(target.User.Id).AsTask()));
        var kept = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Null(kept.AuthorId);
        Assert.Equal(0, await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == target.User.Id)));
        await AssertSignedOutAsync(target);
        var postPage = await Html.GetDocumentAsync(staff.Client, $"/admin/posts/{post.Id}");
        Assert.Equal("deleted user", postPage.QuerySelector("#post-author")!.TextContent);
        Assert.Equal(("delete", "Deleted.", target.User.Email), (await app.LogForAsync(AdminObjectTypes.User, target.User.Id)).Select(e => (e.Action, e.Summary, e.ObjectLabel)).Single());
    }

    [Fact]
    public async Task NobodyCanDeleteThemselves()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var other = await app.CreateUserAsync();

        var page = await DeleteConfirmationPage.OpenAsync(superuser.Client, $"/admin/users/{superuser.User.Id}/delete");
        Assert.Equal("You cannot delete your own account.", page.Get("#delete-refused").TextContent);
        Assert.False(page.CanDelete);

        var otherPage = await DeleteConfirmationPage.OpenAsync(superuser.Client, $"/admin/users/{other.Id}/delete");
        otherPage.Form.Action = $"/admin/users/{superuser.User.Id}/delete";
        Assert.Equal(HttpStatusCode.Forbidden, (await otherPage.ConfirmAsync()).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.FindAsync(superuser.User.Id).AsTask()));
    }

    [Fact]
    public async Task TheDeletePageChangesNothingOnGet()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();

        await Html.GetDocumentAsync(staff.Client, $"/admin/users/{target.Id}/delete");
        await Html.GetDocumentAsync(staff.Client, $"/admin/users/{target.Id}/delete?handler=Delete");

        Assert.NotNull(await app.WithDbAsync(db => db.Users.FindAsync(target.Id).AsTask()));
    }

    // The user's access token is refused, their refresh token too, and pages send them to the login page.
    private async Task AssertSignedOutAsync(SignedInClient user)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/accounts/test/")).StatusCode);
        using var bearer = app.CreateBearerClient(user);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/accounts/test/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.PostAsync("/accounts/token/refresh/", null)).StatusCode);
    }
}
