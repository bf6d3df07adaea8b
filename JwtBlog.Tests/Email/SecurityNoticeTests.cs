using System.Net;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Email;

// Security notices: who gets them, what they say, and that nothing is sent when nothing happened.
public sealed class SecurityNoticeTests
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string NewPassword = "Amber-Falcon-Grove-19";

    [Fact]
    public async Task ASignInFromANewDeviceSendsANoticeWithTimeAddressBrowserAndASessionsLink()
    {
        await using var smtp = await TestSmtpServer.StartNewAsync();
        await using var app = PeerAddressApp.With([.. smtp.AppSettings, ("App:PublicBaseUrl", "https://blog.example")]);
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Chrome);
        client.DefaultRequestHeaders.Add(PeerAddressApp.PeerHeader, "203.0.113.7");
        var when = app.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal(HttpStatusCode.OK, (await client.Accounts().LoginAsync(user.Email)).StatusCode);

        var notice = await smtp.WaitForMessageAsync(user.Email!);
        Assert.Equal("[JwtBlog] New sign-in to your account", notice.Subject);
        Assert.Contains($"When: {when:yyyy-MM-dd HH:mm:ss} UTC", notice.Text, StringComparison.Ordinal);
        Assert.Contains("IP address: 203.0.113.7", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Browser: Chrome on Linux", notice.Text, StringComparison.Ordinal);
        Assert.Equal("https://blog.example/account", notice.FindLink("/account"));
        Assert.Contains("Browser: Chrome on Linux", notice.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://blog.example/account\"", notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInFromAKnownDeviceAndAFailedSignInSendNothing()
    {
        await using var app = new JwtBlogApp();
        var user = await app.CreateUserAsync();
        var client = app.CreateAccountsApi();
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(user.Email)).StatusCode);
        Assert.Equal(1, await NoticesToAsync(app, user.Email!));

        // The device cookie from the first sign-in names this account: the second sign-in is from a known device.
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(user.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateAccountsApi().LoginAsync(user.Email, "wrong password 1")).StatusCode);
        Assert.Equal(1, await NoticesToAsync(app, user.Email!));
    }

    [Fact]
    public async Task RegisteringSendsNoNewSignInNotice()
    {
        await using var app = new JwtBlogApp();
        var client = app.CreateAccountsApi();
        var email = app.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);
        Assert.Equal(0, await NoticesToAsync(app, email));
    }

    [Fact]
    public async Task ChangingThePasswordSendsANoticeStoredWithTheChange()
    {
        await using var smtp = await TestSmtpServer.StartNewAsync();
        await using var app = JwtBlogApp.With(smtp.AppSettings);
        var signedIn = await app.SignInAsync();
        var email = signedIn.User.Email!;
        await smtp.WaitForMessageAsync(email, m => m.Subject.Contains("New sign-in", StringComparison.Ordinal));

        var wrong = await signedIn.Client.PostJsonAsync("/accounts/password/change/",
            new { old_password = "not the password", new_password1 = NewPassword, new_password2 = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(1, await NoticesToAsync(app, email));

        var changed = await signedIn.Client.PostJsonAsync("/accounts/password/change/",
            new { old_password = JwtBlogApp.Password, new_password1 = NewPassword, new_password2 = NewPassword });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var notice = await smtp.WaitForMessageAsync(email, m => m.Subject.Contains("password", StringComparison.Ordinal));
        Assert.Equal("[JwtBlog] Your password was changed", notice.Subject);
        Assert.Contains("The password of your account was changed.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("IP address: ", notice.Text, StringComparison.Ordinal);
        Assert.NotNull(notice.FindLink("/account"));
        Assert.DoesNotContain(NewPassword, notice.Text, StringComparison.Ordinal);
        Assert.Equal(2, await NoticesToAsync(app, email));
    }

    [Fact]
    public async Task APasswordSetByAnAdminOrACommandSendsTheNoticeToo()
    {
        await using var app = JwtBlogApp.With(("App:PublicBaseUrl", "https://blog.example"));
        var user = await app.CreateUserAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // No request: as the changepassword command runs it.
            var signIn = scope.ServiceProvider.GetRequiredService<SignInService>();
            var target = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Id == user.Id);
            await signIn.SetPasswordAsync(target, NewPassword, keepSessionId: null, SecurityActors.CommandLine, CancellationToken.None);
        }

        var text = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == user.Email).Select(m => m.TextBody).SingleAsync());
        Assert.Contains("The password of your account was changed.", text, StringComparison.Ordinal);
        Assert.Contains("IP address: none (not a web request)", text, StringComparison.Ordinal);
        Assert.Contains("https://blog.example/account", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedPasswordChangeStoresNoNotice()
    {
        await using var app = new JwtBlogApp();
        var user = await app.CreateUserAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var target = await db.Users.SingleAsync(u => u.Id == user.Id);
            // The write transaction fails after the password and its notice were saved: neither stays.
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InWriteTransactionAsync(
                async ct =>
                {
                    await accounts.SetPasswordAsync(target, NewPassword, keepSessionId: null, ct);
                    throw new InvalidOperationException("Something after the change fails.");
                },
                CancellationToken.None));
        }

        Assert.Equal(0, await NoticesToAsync(app, user.Email!));
    }

    [Fact]
    public async Task AddressAndSecondFactorNoticesGoToTheRightAddress()
    {
        await using var app = JwtBlogApp.With(("App:PublicBaseUrl", "https://blog.example"));
        var user = await app.CreateUserAsync();
        const string previous = "old-address@example.com";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var notices = scope.ServiceProvider.GetRequiredService<SecurityNotices>();
            notices.AddressChanged(user, previous);
            notices.SecondFactorAdded(user, SecondFactorKind.AuthenticatorApp);
            notices.SecondFactorRemoved(user, SecondFactorKind.Passkey);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var rows = await app.WithDbAsync(db => db.Outbox.OrderBy(m => m.Id).Select(m => new { m.To, m.Subject, m.TextBody }).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.Equal(previous, rows[0].To);
        Assert.Equal("[JwtBlog] Your email address was changed", rows[0].Subject);
        Assert.Contains($"from {previous} to {user.Email}", rows[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(user.Email, rows[1].To);
        Assert.Contains("(an authenticator app) was added", rows[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(user.Email, rows[2].To);
        Assert.Contains("(a passkey) was removed", rows[2].TextBody, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Contains("https://blog.example/account", r.TextBody, StringComparison.Ordinal));
    }

    // Security notices only: joining also queues the address verification email.
    private static Task<int> NoticesToAsync(JwtBlogApp app, string email) =>
        app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == email && !m.Subject.Contains("Confirm your")));
}
