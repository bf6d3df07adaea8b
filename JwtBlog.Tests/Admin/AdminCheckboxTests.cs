using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Admin;

public sealed class AdminCheckboxTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Theory]
    [InlineData("Input.IsActive")]
    [InlineData("Input.IsStaff")]
    [InlineData("Input.IsSuperuser")]
    public async Task ACheckboxValueThatIsNotABooleanIsAFormErrorThatIsNeitherSavedNorLogged(string field)
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var target = await app.CreateUserAsync();
        var form = await Html.GetDocumentAsync(superuser.Client, $"/admin/users/{target.Id}");
        var token = form.QuerySelector("#user-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var marker = "not-a-boolean-" + Guid.NewGuid().ToString("N");

        var values = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.FirstName"] = "Changed",
            ["Input.IsActive"] = "true",
            [field] = marker,
        };

        var response = await superuser.Client.PostAsync($"/admin/users/{target.Id}", new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Must be ticked or not ticked.", page.ErrorFor(field));
        Assert.Equal("", (await app.ReloadAsync(target)).FirstName);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(marker, StringComparison.Ordinal));
    }
}
