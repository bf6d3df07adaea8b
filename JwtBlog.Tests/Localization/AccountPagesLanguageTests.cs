using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Localization;

// Every account page in English and in Korean: <html lang>, the page's own words, and no text missing from a resource.
public sealed class AccountPagesLanguageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    [Theory]
    [InlineData("/login", "Log in", "로그인")]
    [InlineData("/register", "Register", "회원가입")]
    [InlineData("/password/forgot", "Forgot your password?", "비밀번호를 잊으셨나요?")]
    [InlineData("/password/reset/MQ/some-token", "Choose a new password", "새 비밀번호 설정")]
    [InlineData("/verify-email/some-key", "Confirm your e-mail address", "이메일 주소 인증")]
    [InlineData("/email/change/cancel/some-key", "Cancel the change of address", "이메일 주소 변경 취소")]
    [InlineData("/logout", "Log out", "로그아웃")]
    public async Task An_anonymous_account_page_speaks_both_languages(string path, string english, string korean)
    {
        await AssertBothLanguagesAsync(path, english, korean, app.CreateBrowser);
    }

    [Theory]
    [InlineData("/account", "Account", "내 계정")]
    [InlineData("/account/two-factor", "Two-factor authentication", "2단계 인증")]
    [InlineData("/account/confirm", "Confirm it is you", "본인 확인")]
    public async Task A_signed_in_account_page_speaks_both_languages(string path, string english, string korean)
    {
        var signedIn = await app.SignInAsync();
        await AssertBothLanguagesAsync(path, english, korean, () => signedIn.Client);
    }

    [Fact]
    public async Task The_account_page_names_the_device_and_the_times_in_korean()
    {
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Chrome);
        client.DefaultRequestHeaders.Add("Accept-Language", "ko");
        var user = await app.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await new AccountsApi(client).LoginAsync(user.Email)).StatusCode);

        var page = await Html.GetDocumentAsync(client, "/account");

        Assert.Equal("ko", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Linux의 Chrome", page.QuerySelector(".session-device")!.TextContent);
        Assert.Equal("(이 기기)", page.QuerySelector(".this-device")!.TextContent);
        Assert.Equal("방금 전", page.QuerySelector("#sessions time")!.TextContent);
        Assert.Contains(user.Email!, page.QuerySelector("#account-email")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("계정으로 로그인되어 있어요.", page.QuerySelector("#account-email")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("패스키", page.QuerySelector("#passkeys-heading")!.TextContent);
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task The_two_factor_page_speaks_korean_while_a_setup_is_pending_and_when_active()
    {
        var signedIn = await app.SignInAsync();
        signedIn.Client.DefaultRequestHeaders.Add("Accept-Language", "ko");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var factors = scope.ServiceProvider.GetRequiredService<UserSecondFactors>();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>()
                .FindByIdAsync(signedIn.User.Id.ToString(CultureInfo.InvariantCulture));
            await factors.BeginTotpSetupAsync(user!, CancellationToken.None);
        }

        var pending = await Html.GetDocumentAsync(signedIn.Client, "/account/two-factor");
        Assert.StartsWith("인증 앱으로 이 코드를 스캔하거나", pending.QuerySelector("#two-factor-state")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("키: ", pending.QuerySelector("#totp-secret")!.ParentElement!.TextContent, StringComparison.Ordinal);

        await app.SecondFactors.EnrolAsync(signedIn.User);
        var active = await Html.GetDocumentAsync(signedIn.Client, "/account/two-factor");
        Assert.StartsWith("인증 앱을 사용하고 있어요. 남은 복구 코드: ", active.QuerySelector("#two-factor-state")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task Ending_a_session_says_so_in_korean()
    {
        var signedIn = await app.SignInAsync();
        signedIn.Client.DefaultRequestHeaders.Add("Accept-Language", "ko");
        var other = await app.SignInAsync(signedIn.User);
        var page = await Html.GetDocumentAsync(signedIn.Client, "/account");

        var response = await signedIn.Client.SubmitAsync(Html.Form(page, ".end-session-form"));
        var after = await signedIn.Client.FollowAsync(response);

        Assert.NotNull(other);
        Assert.Equal("세션을 종료했어요.", after.QuerySelector("#sessions-status")!.TextContent);
        Assert.Empty(app.MissingTexts.Names);
    }

    private async Task AssertBothLanguagesAsync(string path, string english, string korean, Func<HttpClient> client)
    {
        var englishPage = await GetAsync(client(), path, language: null);
        Assert.Equal("en", englishPage.DocumentElement.GetAttribute("lang"));
        Assert.Equal(english, englishPage.QuerySelector("h1")!.TextContent);

        var koreanPage = await GetAsync(client(), path, language: "ko");
        Assert.Equal("ko", koreanPage.DocumentElement.GetAttribute("lang"));
        Assert.Equal(korean, koreanPage.QuerySelector("h1")!.TextContent);
        Assert.NotEqual(englishPage.Title, koreanPage.Title);
        Assert.Empty(app.MissingTexts.Names);
    }

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string path, string? language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (language is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", language);
        }

        return await Html.GetDocumentAsync(client, path);
    }
}
