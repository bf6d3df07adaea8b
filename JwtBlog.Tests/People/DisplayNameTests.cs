using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;
using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Tests.People;

public sealed class DisplayNameTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task JoiningWithANameMakesItTheDisplayName()
    {
        var email = app.NewEmail("named");
        var response = await app.CreateAccountsApi().RegisterAsync(new
        {
            email,
            password1 = JwtBlogApp.Password,
            password2 = JwtBlogApp.Password,
            first_name = " Ann ",
            last_name = "Lee",
        });

        var user = (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("user");
        Assert.Equal("Ann Lee", user.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task JoiningWithoutANameMakesThePartBeforeTheAtTheDisplayName()
    {
        var email = app.NewEmail("plain");
        var response = await app.CreateAccountsApi().RegisterAsync(new { email, password1 = JwtBlogApp.Password, password2 = JwtBlogApp.Password });

        var user = (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("user");
        Assert.Equal(email[..email.IndexOf('@', StringComparison.Ordinal)], user.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task JoiningWithADisplayNameKeepsItTrimmed()
    {
        var email = app.NewEmail();
        var response = await app.CreateAccountsApi().RegisterAsync(new
        {
            email,
            password1 = JwtBlogApp.Password,
            password2 = JwtBlogApp.Password,
            first_name = "Ann",
            display_name = "  달빛 작가  ",
        });

        Assert.Equal("달빛 작가", (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("user").GetProperty("display_name").GetString());
    }

    [Fact]
    public void TheDefaultIsCutToFiftyCharacters()
    {
        Assert.Equal(new string('a', 50), DisplayNames.Default("", "", new string('a', 64) + "@example.com"));
        Assert.Equal("Ann", DisplayNames.Default("Ann", " ", "x@example.com"));
    }

    [Theory]
    [InlineData("{\"display_name\":\"   \"}", "This field may not be blank.")]
    [InlineData("{\"display_name\":\"%51%\"}", "Ensure this field has no more than 50 characters.")]
    [InlineData("{\"display_name\":\"Admin\\u202e\"}", "Display names cannot contain control or formatting characters.")]
    [InlineData("{\"display_name\":\"two\\nlines\"}", "Display names cannot contain control or formatting characters.")]
    [InlineData("{\"display_name\":null}", "This field may not be null.")]
    [InlineData("{\"display_name\":[]}", "Not a valid string.")]
    public async Task ABadDisplayNameIsAFieldErrorAndChangesNothing(string body, string message)
    {
        var signedIn = await app.SignInAsync();
        var json = body.Replace("%51%", new string('가', 51), StringComparison.Ordinal);

        var response = await signedIn.Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/accounts/user/")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(
            $"{{\"display_name\":[{System.Text.Json.JsonSerializer.Serialize(message)}]}}",
            await response.RawJsonAsync(HttpStatusCode.BadRequest));
        Assert.Equal(signedIn.User.DisplayName, (await app.ReloadAsync(signedIn.User)).DisplayName);
    }

    [Fact]
    public async Task PutAndPatchChangeTheDisplayNameAndFiftyCharactersAreFine()
    {
        var signedIn = await app.SignInAsync();
        var fifty = new string('가', 50);

        var patch = await signedIn.Client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { display_name = $" {fifty} " });
        Assert.Equal(fifty, (await patch.JsonAsync(HttpStatusCode.OK)).GetProperty("display_name").GetString());

        var put = await signedIn.Client.SendJsonAsync(HttpMethod.Put, "/accounts/user/", new { display_name = "Writer" });
        Assert.Equal("Writer", (await put.JsonAsync(HttpStatusCode.OK)).GetProperty("display_name").GetString());
        Assert.Equal("Writer", (await app.ReloadAsync(signedIn.User)).DisplayName);
    }

    [Fact]
    public async Task TheAccountFormShowsTheDisplayNameAndTheNavShowsItInsteadOfTheEmail()
    {
        var signedIn = await app.SignInAsync();
        await signedIn.Client.Accounts().UpdateUserAsync(new { display_name = "Quiet Writer" });

        var page = await AccountPage.OpenAsync(signedIn.Client);

        var input = (IHtmlInputElement)page.ProfileForm.Elements["display_name"]!;
        Assert.Equal("Quiet Writer", input.Value);
        Assert.True(input.IsRequired);
        Assert.Equal("50", input.GetAttribute("maxlength"));
        Assert.NotNull(page.Document.QuerySelector("label[for=display_name]"));
        Assert.Equal("Quiet Writer", page.Document.QuerySelector("#nav-user")!.TextContent);
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task TheAccountFormIsKoreanForAKoreanReader()
    {
        var signedIn = await app.SignInAsync();
        signedIn.Client.DefaultRequestHeaders.Add("Accept-Language", "ko");

        var page = await AccountPage.OpenAsync(signedIn.Client);

        Assert.Equal("ko", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("표시 이름", page.Document.QuerySelector("label[for=display_name]")!.TextContent);
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task StaffSeeAndChangeTheDisplayNameOnTheAdminUserForm()
    {
        var staff = await app.SignInAsync(await app.CreateUserAsync(staff: true));
        var user = await app.CreateUserAsync();
        var page = await Html.GetDocumentAsync(staff.Client, $"/admin/users/{user.Id}");
        var form = Html.Form(page, "#user-form");
        Assert.Equal(user.DisplayName, ((IHtmlInputElement)form.Elements["Input.DisplayName"]!).Value);

        var blank = await staff.Client.SubmitAsync(form, new Dictionary<string, string> { ["Input.DisplayName"] = "  " });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Equal(user.DisplayName, (await app.ReloadAsync(user)).DisplayName);

        var saved = await staff.Client.SubmitAsync(form, new Dictionary<string, string> { ["Input.DisplayName"] = " Renamed " });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Renamed", (await app.ReloadAsync(user)).DisplayName);
    }
}
