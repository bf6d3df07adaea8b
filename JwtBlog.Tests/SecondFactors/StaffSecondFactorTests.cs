using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.SecondFactors;

public sealed class StaffSecondFactorTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    // A browser signed in with the password alone (no helper enrolment), with the page's CSRF token for API calls.
    private async Task<HttpClient> PasswordOnlyAsync(Web.Features.Accounts.AppUser user)
    {
        var client = app.CreateBrowser();
        var login = await (await client.Accounts().LoginAsync(user.Email)).JsonAsync(HttpStatusCode.OK);
        Assert.True(login.TryGetProperty("access_token", out _));
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await JwtBlogApp.CsrfTokenAsync(client));
        return client;
    }

    [Fact]
    public async Task StaffWithoutASecondFactorAreSentToEnrolBeforeTheAdmin()
    {
        var staff = await app.CreateUserAsync(staff: true);
        var client = await PasswordOnlyAsync(staff);

        var admin = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/account/two-factor?returnUrl=%2Fadmin%2Fusers", admin.RedirectTarget());

        var page = await Html.GetDocumentAsync(client, "/account/two-factor?returnUrl=%2Fadmin%2Fusers");
        Assert.NotNull(page.QuerySelector("#staff-notice"));
        Assert.NotNull(page.QuerySelector("#setup-form"));
    }

    [Fact]
    public async Task EnrollingFromTheTwoFactorPageOpensTheAdminInTheSameSession()
    {
        var staff = await app.CreateUserAsync(staff: true);
        var client = await PasswordOnlyAsync(staff);
        var setup = await (await client.PostAsync(SecondFactorApi.Setup, null)).JsonAsync(HttpStatusCode.OK);
        var code = TotpCodes.At(setup.GetProperty("secret").GetString()!, app.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(SecondFactorApi.Activate, new { code })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task AStaffSessionFromBeforeEnrollingIsAskedForACode()
    {
        var staff = await app.CreateUserAsync(staff: true);
        var client = await PasswordOnlyAsync(staff);
        var enrolment = await app.SecondFactors.EnrolAsync(staff);

        var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/account/confirm?returnUrl=%2Fadmin", admin.RedirectTarget());
        Assert.NotNull((await Html.GetDocumentAsync(client, "/account/confirm?returnUrl=%2Fadmin")).QuerySelector("#confirm-form"));

        // A password is no second factor: only a code opens the admin.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { password = JwtBlogApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(AccountsApi.Reauthenticate, new { code = enrolment.NextRecoveryCode() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task StaffPowersOverOthersPostsNeedASecondFactorSession()
    {
        var author = await app.CreateUserAsync();
        var post = await app.CreatePostAsync(author);
        var staff = await app.CreateUserAsync(staff: true);
        var passwordOnly = await PasswordOnlyAsync(staff);

        var refused = await passwordOnly.SendJsonAsync(HttpMethod.Patch, $"/blog/{post.Id}/", new { title = "Edited by staff" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var withFactor = await app.SignInAsync(staff);
        var allowed = await withFactor.Client.SendJsonAsync(HttpMethod.Patch, $"/blog/{post.Id}/", new { title = "Edited by staff" });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task ASuperuserResetsAnotherUsersSecondFactorsAndTheAdminLogSaysSo()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var target = await app.CreateUserAsync();
        await app.SecondFactors.EnrolAsync(target);

        var page = await AdminUserEditPage.OpenAsync(superuser.Client, target.Id);
        var reset = await superuser.Client.SubmitAsync(Html.Form(page.Document, "#reset-second-factors-form"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<UserSecondFactors>().HasAnyAsync(target.Id, CancellationToken.None));
        Assert.Equal(0, await app.WithDbAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == target.Id)));
        Assert.Contains(await app.LogForAsync("user", target.Id), e => e.Summary == "Reset second factors." && e.ActorId == superuser.User.Id);
        var login = await (await app.CreateBrowser().Accounts().LoginAsync(target.Email)).JsonAsync(HttpStatusCode.OK);
        Assert.True(login.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task StaffWhoAreNotSuperusersSeeNoResetButtonAndCannotPostIt()
    {
        var staff = await app.SignInStaffAsync();
        var target = await app.CreateUserAsync();
        await app.SecondFactors.EnrolAsync(target);

        var page = await AdminUserEditPage.OpenAsync(staff.Client, target.Id);
        Assert.Null(page.Document.QuerySelector("#reset-second-factors-form"));
        var form = Html.Form(page.Document, AdminUserEditPage.EndSessionsFormSelector);
        form.Action = $"/admin/users/{target.Id}?handler=ResetSecondFactors";
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.SubmitAsync(form)).StatusCode);
    }
}
