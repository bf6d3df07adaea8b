using System.Globalization;
using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Admin.Users;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

// Issue 10: the user list shows and filters by a verified address; staff can mark one verified, in the admin log.
public sealed class AdminEmailVerifiedTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task StaffFilterByVerifiedAndMarkAnAddressVerifiedWhichIsLogged()
    {
        var staff = await app.SignInStaffAsync();
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        var user = await app.CreateUserAsync($"{marker}@example.com");
        Assert.Equal([user.Id], await IdsAsync(staff, $"/admin/users?q={marker}&verified=false"));
        Assert.Empty(await IdsAsync(staff, $"/admin/users?q={marker}&verified=true"));

        var edit = await Html.GetDocumentAsync(staff.Client, $"/admin/users/{user.Id}");
        var response = await staff.Client.SubmitAsync(Html.Form(edit, "#mark-verified-form"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([user.Id], await IdsAsync(staff, $"/admin/users?q={marker}&verified=true"));
        var logged = await app.WithDbAsync(db => db.AdminLog.Where(e => e.ObjectId == user.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Equal(EditModel.MarkedVerified, Assert.Single(logged).Summary);
        Assert.Null((await Html.GetDocumentAsync(staff.Client, $"/admin/users/{user.Id}")).QuerySelector("#mark-verified-form"));
        var row = (await Html.GetDocumentAsync(staff.Client, $"/admin/users?q={marker}")).QuerySelector("#users tbody tr")!;
        Assert.Equal("yes", row.QuerySelectorAll("td")[6].TextContent.Trim());
    }

    private static async Task<List<int>> IdsAsync(SignedInClient client, string url) =>
        [.. (await Html.GetDocumentAsync(client.Client, url)).QuerySelectorAll("#users tbody tr")
            .Select(r => int.Parse(r.GetAttribute("data-user-id")!, CultureInfo.InvariantCulture))];
}
