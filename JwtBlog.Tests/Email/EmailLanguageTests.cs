using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Email;

// An email is written in the language of the request that causes it; without a Korean preference it stays English.
public sealed class EmailLanguageTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static HttpClient Korean(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("Accept-Language", "ko-KR,ko;q=0.9");
        return client;
    }

    [Fact]
    public async Task A_reset_asked_in_korean_is_mailed_in_korean_by_the_background_mailer()
    {
        var user = await app.CreateUserAsync();

        var response = await Korean(app.CreateBrowser()).PostAsJsonAsync("/accounts/password/reset/", new { email = user.Email });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var email = await app.Outbox.LastToAsync(user.Email!);
        Assert.Equal("[JwtBlog] 비밀번호를 재설정해 주세요", email.Subject);
        Assert.Contains("계정의 비밀번호 재설정을 요청했어요.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("새 비밀번호 정하기: http", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ko\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">새 비밀번호 정하기</a>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_asked_without_a_language_is_mailed_in_english()
    {
        var user = await app.CreateUserAsync();

        await app.CreateBrowser().PostAsJsonAsync("/accounts/password/reset/", new { email = user.Email });

        var email = await app.Outbox.LastToAsync(user.Email!);
        Assert.Equal("[JwtBlog] Reset your password", email.Subject);
        Assert.Contains("Choose a new password: http", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stored_reset_request_keeps_its_language()
    {
        var user = await app.CreateUserAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = new PendingPasswordReset
            {
                Email = user.Email!,
                LinkBase = "https://blog.example/password/reset/",
                RequestedAt = app.Clock.GetUtcNow().UtcDateTime,
                Language = "ko",
            };
            db.PendingPasswordResets.Add(stored);
            await db.SaveChangesAsync();
            Assert.Equal("ko", await db.PendingPasswordResets.AsNoTracking().Where(r => r.Id == stored.Id).Select(r => r.Language).SingleAsync());
            scope.ServiceProvider.GetRequiredService<PasswordResetQueue>()
                .Enqueue(new PasswordResetJob(stored.Id, stored.Email, stored.LinkBase, stored.Language));
        }

        Assert.Equal("[JwtBlog] 비밀번호를 재설정해 주세요", (await app.Outbox.LastToAsync(user.Email!)).Subject);
    }

    [Fact]
    public async Task Registering_in_korean_sends_the_verification_email_in_korean()
    {
        var email = app.NewEmail();

        var response = await new AccountsApi(Korean(app.CreateBrowser())).RegisterAsync(email);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = await app.Outbox.LastToAsync(email);
        Assert.Equal("[JwtBlog] 이메일 주소를 인증해 주세요", message.Subject);
        Assert.Contains($"{email} 주소로 계정을 쓰겠다고 요청했어요.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("주소 인증하기: http", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_address_asked_in_korean_writes_both_emails_in_korean()
    {
        var signedIn = await app.SignInAsync();
        Korean(signedIn.Client);
        var newEmail = app.NewEmail("new");

        var response = await signedIn.Client.PostAsJsonAsync("/accounts/email/change/", new { new_email = newEmail, password = JwtBlogApp.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await app.Outbox.LastToAsync(signedIn.User.Email!);
        Assert.Equal("[JwtBlog] 이메일 주소가 곧 변경돼요", notice.Subject);
        Assert.Contains($"이메일 주소를 {signedIn.User.Email}에서 {newEmail}(으)로 바꾸겠다고 요청했어요.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("변경 취소하기: http", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal("[JwtBlog] 이메일 주소를 인증해 주세요", (await app.Outbox.LastToAsync(newEmail)).Subject);
    }

    [Fact]
    public async Task A_new_sign_in_notice_in_korean_names_the_browser_and_a_utc_time_in_korean()
    {
        var user = await app.CreateUserAsync();
        var client = Korean(app.CreateBrowser());
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Chrome);
        var when = app.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal(HttpStatusCode.OK, (await new AccountsApi(client).LoginAsync(user.Email)).StatusCode);

        var notice = await app.Outbox.LastToAsync(user.Email!);
        Assert.Equal("[JwtBlog] 새 기기에서 로그인했어요", notice.Subject);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"일시: {when.Year}년 {when.Month}월 {when.Day}일 {when:HH:mm} (UTC)"),
            notice.TextBody,
            StringComparison.Ordinal);
        Assert.Contains("브라우저: Linux의 Chrome", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("로그인된 기기 확인하기: http", notice.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.MissingTexts.Names);
    }

    [Fact]
    public async Task A_password_reset_confirmed_in_korean_sends_the_password_notice_in_korean()
    {
        var user = await app.CreateUserAsync();
        await app.CreateBrowser().PostAsJsonAsync("/accounts/password/reset/", new { email = user.Email });
        var parts = (await app.Outbox.LinkPathToAsync(user.Email!, "/password/reset/")).Split('/');

        var response = await Korean(app.CreateBrowser()).PostAsJsonAsync(
            "/accounts/password/reset/confirm/",
            new { uid = parts[3], token = parts[4], new_password1 = "Quiet-Harbor-Tulip-77", new_password2 = "Quiet-Harbor-Tulip-77" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await app.Outbox.LastToAsync(user.Email!);
        Assert.Equal("[JwtBlog] 비밀번호가 변경되었어요", notice.Subject);
        Assert.StartsWith("회원님 계정의 비밀번호가 변경되었어요.", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_factor_and_address_notices_name_things_in_the_current_language()
    {
        var user = await app.CreateUserAsync();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko");
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var notices = scope.ServiceProvider.GetRequiredService<SecurityNotices>();
            notices.AddressChanged(user, "old-address@example.com");
            notices.SecondFactorAdded(user, SecondFactorKind.AuthenticatorApp);
            notices.SecondFactorRemoved(user, SecondFactorKind.EveryFactorReset);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var rows = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == user.Email || m.To == "old-address@example.com")
            .OrderBy(m => m.Id).Select(m => new { m.Subject, m.TextBody }).ToListAsync());
        Assert.Equal("[JwtBlog] 이메일 주소가 변경되었어요", rows[^3].Subject);
        Assert.Contains($"old-address@example.com에서 {user.Email}(으)로 변경되었어요.", rows[^3].TextBody, StringComparison.Ordinal);
        Assert.Contains("2단계 인증 수단(인증 앱)이 추가되었어요.", rows[^2].TextBody, StringComparison.Ordinal);
        Assert.Contains("2단계 인증 수단(관리자가 초기화한 모든 수단)이 삭제되었어요.", rows[^1].TextBody, StringComparison.Ordinal);
        Assert.Contains("IP 주소: 없음 (웹 요청이 아님)", rows[^1].TextBody, StringComparison.Ordinal);
    }
}
