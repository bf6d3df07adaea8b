using System.Net;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Admin;

public sealed class AdminNullCharacterTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task AFormValueWithANullCharacterIsA400AndNothingIsSaved()
    {
        var superuser = await app.SignInStaffAsync(superuser: true);
        var target = await app.CreateUserAsync();
        var form = await Html.GetDocumentAsync(superuser.Client, $"/admin/users/{target.Id}");
        var token = form.QuerySelector("#user-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await superuser.Client.PostAsync($"/admin/users/{target.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.FirstName"] = "A\u0000B",
            ["Input.IsActive"] = "true",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", (await app.ReloadAsync(target)).FirstName);
    }
}
