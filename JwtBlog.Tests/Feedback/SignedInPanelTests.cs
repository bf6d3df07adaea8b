using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Feedback;

// /login and /register for someone already signed in: they say so and offer to continue or sign out, never redirect.
public sealed class SignedInPanelTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Theory]
    [InlineData("/login?returnUrl=%2Fwrite", "en", "You are signed in as {0}.")]
    [InlineData("/register?returnUrl=%2Fwrite", "en", "You are signed in as {0}.")]
    [InlineData("/login?returnUrl=%2Fwrite", "ko", "{0}(으)로 로그인되어 있어요.")]
    [InlineData("/register?returnUrl=%2Fwrite", "ko", "{0}(으)로 로그인되어 있어요.")]
    public async Task A_signed_in_visitor_is_told_who_they_are_and_can_continue_or_sign_out(string path, string language, string saying)
    {
        app.MissingTexts.Clear();
        var signedIn = await app.SignInAsync();
        var client = signedIn.Client;
        client.DefaultRequestHeaders.Add("Accept-Language", language);

        var response = await client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, saying, signedIn.User.DisplayName), page.QuerySelector("#signed-in-as")!.TextContent);
        Assert.Equal("/write", page.QuerySelector("#signed-in-continue")!.GetAttribute("href"));
        Assert.Empty(app.MissingTexts.Names);

        var signOut = await client.SubmitAsync(Html.Form(page, "#signed-in-logout-form"));

        Assert.Equal("/", signOut.RedirectTarget());
        var home = await HomePage.OpenAsync(client);
        Assert.Null(home.NavUserName);
        Assert.NotNull(home.Find("#flash"));
        Assert.Null((await Html.GetDocumentAsync(client, path)).QuerySelector("#signed-in-panel"));
    }

    [Fact]
    public async Task An_anonymous_visitor_sees_only_the_forms()
    {
        var client = app.CreateBrowser();

        Assert.Null((await LoginPage.OpenAsync(client)).Find("#signed-in-panel"));
        Assert.Null((await RegisterPage.OpenAsync(client)).Find("#signed-in-panel"));
    }
}
