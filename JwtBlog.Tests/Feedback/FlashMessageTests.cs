using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Tests.Infrastructure.Pages;

namespace JwtBlog.Tests.Feedback;

// The flash: a one-line message the page after an action shows once, in the page's language, as a status region.
public sealed class FlashMessageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private static readonly Dictionary<string, (string English, string Korean)> _texts = new()
    {
        ["registered"] = ("Welcome! Your account has been created.", "환영합니다! 계정이 만들어졌어요."),
        ["signed-in"] = ("You are signed in.", "로그인했어요."),
        ["published"] = ("Your post has been published.", "글을 게시했어요."),
        ["edited"] = ("Your changes have been saved.", "변경 내용을 저장했어요."),
        ["deleted"] = ("The post has been deleted.", "글을 삭제했어요."),
        ["profile-saved"] = ("Your profile has been saved.", "프로필을 저장했어요."),
        ["password-changed"] = ("Your password has been changed. Your other sessions have been signed out.", "비밀번호를 바꿨어요. 다른 기기의 로그인은 모두 로그아웃되었어요."),
        ["signed-out"] = ("You are signed out.", "로그아웃했어요."),
    };

    [Theory]
    [InlineData("en")]
    [InlineData("ko")]
    public async Task Each_of_the_eight_actions_leaves_a_message_the_next_page_shows_once(string language)
    {
        app.MissingTexts.Clear();

        // Register and sign in go through the API; their scripts then open the next page with ?done=<code>.
        var newcomer = Speaking(app.CreateBrowser(), language);
        Assert.Equal(HttpStatusCode.Created, (await newcomer.Accounts().RegisterAsync(app.NewEmail())).StatusCode);
        await ExpectAfterScriptAsync(newcomer, "/", "registered", language);

        var signedIn = await app.SignInAsync();
        var client = Speaking(signedIn.Client, language);
        await ExpectAfterScriptAsync(client, "/write", "signed-in", language);

        var id = (int)(await client.CreatePostAsync("Flash", "A post"))["id"]!;
        await ExpectAfterScriptAsync(client, PostPage.PathFor(id), "published", language);

        var edit = await client.SendJsonAsync(HttpMethod.Patch, $"/blog/{id}/", new { title = "Flash, edited" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        await ExpectAfterScriptAsync(client, PostPage.PathFor(id), "edited", language);

        // Delete and log out are page forms: their handlers leave the flash themselves before redirecting.
        var deleted = await (await DeleteConfirmationPage.OpenAsync(client, $"/posts/{id}/delete")).ConfirmAsync();
        await ExpectShownOnceAsync(client, deleted.RedirectTarget(), "deleted", language);

        Assert.Equal(HttpStatusCode.OK, (await client.Accounts().UpdateUserAsync(new { first_name = "Ada" })).StatusCode);
        await ExpectAfterScriptAsync(client, AccountPage.Path, "profile-saved", language);

        var changed = await client.PostAsJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = "Quiet-Harbor-Fig-77", new_password2 = "Quiet-Harbor-Fig-77" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await ExpectAfterScriptAsync(client, AccountPage.Path, "password-changed", language);

        var loggedOut = await (await AccountPage.OpenAsync(client)).LogOutAsync();
        await ExpectShownOnceAsync(client, loggedOut.RedirectTarget(), "signed-out", language);

        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task An_unknown_code_shows_nothing_and_the_rest_of_the_address_is_kept()
    {
        var client = app.CreateBrowser();

        var hop = await client.GetAsync("/login?returnUrl=%2Fwrite&done=%3Cb%3EYou%20won%3C%2Fb%3E");

        Assert.Equal("/login?returnUrl=%2Fwrite", hop.RedirectTarget());
        var page = await Html.GetDocumentAsync(client, "/login?returnUrl=%2Fwrite");
        Assert.Null(page.QuerySelector("#flash"));
        Assert.DoesNotContain("You won", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_ignores_the_code()
    {
        var client = app.CreateBrowser();

        var api = await client.GetAsync("/blog/?done=published");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Null((await Html.GetDocumentAsync(client, "/")).QuerySelector("#flash"));
    }

    private static HttpClient Speaking(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.Add("Accept-Language", language);
        return client;
    }

    // A page script's navigation: the page with ?done=<code> answers with a redirect to itself without the code.
    private static async Task ExpectAfterScriptAsync(HttpClient client, string path, string code, string language)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var hop = await client.GetAsync($"{path}{separator}done={code}");
        Assert.Equal(path, hop.RedirectTarget());
        await ExpectShownOnceAsync(client, path, code, language);
    }

    private static async Task ExpectShownOnceAsync(HttpClient client, string path, string code, string language)
    {
        var page = await Html.GetDocumentAsync(client, path);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        var flash = Assert.Single(page.QuerySelectorAll("#flash"));
        Assert.Equal("status", flash.GetAttribute("role"));
        Assert.Equal("-1", flash.GetAttribute("tabindex"));
        var (english, korean) = _texts[code];
        Assert.Equal(language == "ko" ? korean : english, flash.TextContent.Trim());

        var next = await Html.GetDocumentAsync(client, path);
        Assert.Empty(next.QuerySelectorAll("#flash"));
    }
}
