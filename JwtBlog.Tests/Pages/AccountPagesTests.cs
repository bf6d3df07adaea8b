using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;

namespace JwtBlog.Tests.Pages;

public sealed class AccountPagesTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task LoginPageHasLabelledFieldsWithAutocompleteAndAnErrorRegion()
    {
        var document = await Html.GetDocumentAsync(app.CreateClient(), "/login");
        var form = Html.Form(document, "#login-form");
        AssertLabelledInput(form, "email", "email", "email");
        AssertLabelledInput(form, "password", "password", "current-password");
        Assert.Equal("assertive", form.QuerySelector("[data-error-for=form]")!.GetAttribute("aria-live"));
        Assert.NotNull(document.QuerySelector("script[type=module][src='/js/login.js']"));
        Assert.Empty(document.QuerySelectorAll("script:not([src])"));
        Assert.Equal("/", form.GetAttribute("data-return-url"));
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
        foreach (var page in new[] { "/login", "/register" })
        {
            var document = await Html.GetDocumentAsync(app.CreateClient(), $"{page}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            Assert.Equal(expected, document.QuerySelector("form[data-return-url]")!.GetAttribute("data-return-url"));
        }
    }

    [Fact]
    public async Task RegisterPageHasTheOriginalFieldsAndTheOptionalProfile()
    {
        var document = await Html.GetDocumentAsync(app.CreateClient(), "/register");
        var form = Html.Form(document, "#register-form");
        AssertLabelledInput(form, "email", "email", "email");
        AssertLabelledInput(form, "password1", "password", "new-password");
        AssertLabelledInput(form, "password2", "password", "new-password");
        AssertLabelledInput(form, "first_name", "text", "given-name");
        AssertLabelledInput(form, "last_name", "text", "family-name");
        AssertLabelledInput(form, "date_of_birth", "date", "bday");
        var gender = Assert.IsAssignableFrom<IHtmlSelectElement>(form.QuerySelector("select[name=gender]"));
        Assert.Equal(["", "female", "male"], gender.Options.Select(o => o.Value).Order().ToArray());
        foreach (var field in new[] { "email", "password1", "password2", "first_name", "last_name", "gender", "date_of_birth" })
        {
            Assert.NotNull(form.QuerySelector($"[data-error-for={field}][aria-live]"));
        }
    }

    [Fact]
    public async Task AccountPageRedirectsSignedOutVisitorsToLogin()
    {
        var response = await app.CreateBrowser().GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Faccount", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AccountPageShowsTheUsersProfileAndThePasswordForm()
    {
        var user = await app.CreateUserAsync();
        var signedIn = await app.SignInAsync(user);
        await signedIn.Client.SendJsonAsync(HttpMethod.Patch, "/accounts/user/", new { first_name = "Alice", gender = "female", date_of_birth = "1990-01-02" });

        var document = await Html.GetDocumentAsync(signedIn.Client, "/account");
        Assert.Equal(user.Email, document.QuerySelector("#account-email")!.TextContent);
        var profile = Html.Form(document, "#profile-form");
        Assert.Equal("Alice", ((IHtmlInputElement)profile.Elements["first_name"]!).Value);
        Assert.Equal("female", ((IHtmlSelectElement)profile.Elements["gender"]!).Value);
        Assert.Equal("1990-01-02", ((IHtmlInputElement)profile.Elements["date_of_birth"]!).Value);
        var password = Html.Form(document, "#password-form");
        AssertLabelledInput(password, "old_password", "password", "current-password");
        AssertLabelledInput(password, "new_password1", "password", "new-password");
        AssertLabelledInput(password, "new_password2", "password", "new-password");
    }

    [Fact]
    public async Task NavShowsLoginAndRegisterToSignedOutVisitors()
    {
        var document = await Html.GetDocumentAsync(app.CreateClient(), "/login");
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
        var document = await Html.GetDocumentAsync(member.Client, "/login");
        Assert.Equal(member.User.Email, document.QuerySelector("#nav-user")!.TextContent);
        Assert.NotNull(document.QuerySelector("a#nav-account[href='/account']"));
        var logout = Html.Form(document, "#logout-form");
        Assert.Equal("post", logout.Method);
        Assert.Null(document.QuerySelector("#nav-login"));
        Assert.Null(document.QuerySelector("#nav-admin"));

        var staff = await app.SignInAsync(await app.CreateUserAsync(staff: true));
        var staffDocument = await Html.GetDocumentAsync(staff.Client, "/login");
        Assert.NotNull(staffDocument.QuerySelector("a#nav-admin[href='/admin']"));
    }

    [Fact]
    public async Task LogOutButtonEndsTheSessionAndItsPostNeedsTheFormToken()
    {
        var signedIn = await app.SignInAsync();
        var document = await Html.GetDocumentAsync(signedIn.Client, "/account");

        signedIn.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var forged = await signedIn.Client.PostAsync("/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/accounts/test/")).StatusCode);

        var response = await signedIn.Client.SubmitAsync(Html.Form(document, "#logout-form"));
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
