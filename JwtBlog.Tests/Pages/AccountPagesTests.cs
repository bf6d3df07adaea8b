using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Pages;

public sealed class AccountPagesTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task LoginPageHasLabelledFieldsWithAutocompleteAndAnErrorRegion()
    {
        var page = await LoginPage.OpenAsync(app.CreateClient());
        var form = page.Form;
        AssertLabelledInput(form, "email", "email", "email");
        AssertLabelledInput(form, "password", "password", "current-password");
        Assert.Equal("assertive", form.QuerySelector("[data-error-for=form]")!.GetAttribute("aria-live"));
        Assert.NotNull(page.Find("script[type=module][src='/js/login.js']"));
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
        Assert.Equal("/", page.ReturnUrl);
    }

    [Theory]
    [InlineData("/write", "/write")]
    [InlineData("/posts/1?x=2", "/posts/1?x=2")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public async Task ReturnUrlOnlyEverPointsAtThisSite(string returnUrl, string expected)
    {
        Assert.Equal(expected, (await LoginPage.OpenAsync(app.CreateClient(), returnUrl)).ReturnUrl);
        Assert.Equal(expected, (await RegisterPage.OpenAsync(app.CreateClient(), returnUrl)).ReturnUrl);
    }

    [Fact]
    public async Task RegisterPageHasTheOriginalFieldsAndTheOptionalProfile()
    {
        var form = (await RegisterPage.OpenAsync(app.CreateClient())).Form;
        AssertLabelledInput(form, "email", "email", "email");
        AssertLabelledInput(form, "password1", "password", "new-password");
        AssertLabelledInput(form, "password2", "password", "new-password");
        AssertLabelledInput(form, "first_name", "text", "given-name");
        AssertLabelledInput(form, "last_name", "text", "family-name");
        AssertLabelledInput(form, "display_name", "text", "nickname");
        AssertLabelledInput(form, "date_of_birth", "date", "bday");
        var gender = Assert.IsAssignableFrom<IHtmlSelectElement>(form.QuerySelector("select[name=gender]"));
        Assert.Equal(["", "female", "male"], gender.Options.Select(o => o.Value).Order().ToArray());
        foreach (var field in new[] { "email", "password1", "password2", "first_name", "last_name", "display_name", "gender", "date_of_birth" })
        {
            Assert.NotNull(form.QuerySelector($"[data-error-for={field}][aria-live]"));
        }
    }

    [Fact]
    public async Task AccountPageRedirectsSignedOutVisitorsToLogin()
    {
        var response = await app.CreateBrowser().GetAsync(AccountPage.Path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AccountPageShowsTheUsersProfileAndThePasswordForm()
    {
        var user = await app.CreateUserAsync();
        var signedIn = await app.SignInAsync(user);
        await new AccountsApi(signedIn.Client).UpdateUserAsync(new { first_name = "Alice", gender = "female", date_of_birth = "1990-01-02" });

        var page = await AccountPage.OpenAsync(signedIn.Client);
        Assert.Equal(user.Email, page.Email);
        var profile = page.ProfileForm;
        Assert.Equal("Alice", ((IHtmlInputElement)profile.Elements["first_name"]!).Value);
        Assert.Equal("female", ((IHtmlSelectElement)profile.Elements["gender"]!).Value);
        Assert.Equal("1990-01-02", ((IHtmlInputElement)profile.Elements["date_of_birth"]!).Value);
        var password = page.PasswordForm;
        AssertLabelledInput(password, "old_password", "password", "current-password");
        AssertLabelledInput(password, "new_password1", "password", "new-password");
        AssertLabelledInput(password, "new_password2", "password", "new-password");
    }

    [Fact]
    public async Task NavShowsLoginAndRegisterToSignedOutVisitors()
    {
        var document = (await LoginPage.OpenAsync(app.CreateClient())).Document;
        Assert.NotNull(document.QuerySelector("a#nav-login[href='/login']"));
        Assert.NotNull(document.QuerySelector("a#nav-register[href='/register']"));
        Assert.NotNull(document.QuerySelector("a#nav-posts[href='/']"));
        Assert.NotNull(document.QuerySelector("a#nav-write[href='/write']"));
        Assert.Null(document.QuerySelector("#nav-logout"));
        Assert.Null(document.QuerySelector("#nav-admin"));
    }

    [Fact]
    public async Task NavShowsEmailAccountAndLogoutToUsersAndAdminToStaffOnly()
    {
        var member = await app.SignInAsync();
        var page = await LoginPage.OpenAsync(member.Client);
        Assert.Equal(member.User.DisplayName, page.NavUserName);
        Assert.NotNull(page.Find("a#nav-account[href='/account']"));
        Assert.Equal("post", page.LogoutForm.Method);
        Assert.Null(page.Find("#nav-login"));
        Assert.False(page.HasAdminLink);

        var staff = await app.SignInStaffAsync();
        var staffPage = await LoginPage.OpenAsync(staff.Client);
        Assert.NotNull(staffPage.Find("a#nav-admin[href='/admin']"));
    }

    [Fact]
    public async Task LogOutButtonEndsTheSessionAndItsPostNeedsTheFormToken()
    {
        var signedIn = await app.SignInAsync();
        var page = await AccountPage.OpenAsync(signedIn.Client);

        signedIn.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var forged = await signedIn.Client.PostAsync("/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/accounts/test/")).StatusCode);

        var response = await page.LogOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains("expires=Thu, 01 Jan 1970", response.SetCookie("my-app-auth"));
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.CreateClient().GetWithBearerAsync("/accounts/test/", signedIn.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task PagesSendCspReferrerPolicyAndNoStore()
    {
        var response = await app.CreateClient().GetAsync("/register");
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    private static void AssertLabelledInput(IHtmlFormElement form, string name, string type, string autocomplete)
    {
        var input = Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector($"input[name={name}]"));
        Assert.Equal(type, input.Type);
        Assert.Equal(autocomplete, input.GetAttribute("autocomplete"));
        Assert.False(string.IsNullOrEmpty(input.Id));
        var label = form.QuerySelector($"label[for={input.Id}]");
        Assert.False(string.IsNullOrWhiteSpace(label?.TextContent));
    }
}
