using System.Globalization;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Shared;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Email;

// Emails that tell people about changes to their account's security, each with when, from which address and which
// browser, and a link to review their sessions. Each only adds its message to the caller's context: call it inside the
// write transaction of the change, before its SaveChanges, so the notice is stored with the change or not at all.
public sealed class SecurityNotices(
    EmailComposer composer,
    EmailOutbox outbox,
    PublicUrls urls,
    IOptions<SiteSettings> site,
    IHttpContextAccessor httpContext,
    TimeProvider time,
    ILogger<SecurityNotices> logger)
{
    public const string SessionsPath = "/account";
    private const string NotYou = "If this was not you, review your sessions, end the ones you do not recognise and change your password.";

    public void PasswordChanged(AppUser user) =>
        Send(user, user.Email!, nameof(PasswordChanged), "Your password was changed", "The password of your account was changed.");

    // Goes to the address the account had before: the one its owner can still read if someone else made the change.
    public void AddressChanged(AppUser user, string previousAddress) =>
        Send(
            user,
            previousAddress,
            nameof(AddressChanged),
            "Your email address was changed",
            $"The email address of your account was changed from {previousAddress} to {user.Email}.");

    // factor names the kind for people: "an authenticator app", "a passkey", "recovery codes".
    public void SecondFactorAdded(AppUser user, string factor) =>
        Send(user, user.Email!, nameof(SecondFactorAdded), "A second factor was added", $"A second factor ({factor}) was added to your account.");

    public void SecondFactorRemoved(AppUser user, string factor) =>
        Send(user, user.Email!, nameof(SecondFactorRemoved), "A second factor was removed", $"A second factor ({factor}) was removed from your account.");

    public void NewSignIn(AppUser user) =>
        Send(user, user.Email!, nameof(NewSignIn), "New sign-in to your account", "Your account was signed in to from a device that had not signed in to it before.");

    private void Send(AppUser user, string to, string notice, string subject, string what)
    {
        var http = httpContext.HttpContext;
        var when = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var address = http is null ? "none (not a web request)" : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var browser = http is null ? "none (not a web request)" : BrowserSummary.Describe(http.Request.Headers.UserAgent.ToString());
        string[] paragraphs = [what, $"When: {when}", $"IP address: {address}", $"Browser: {browser}", NotYou];
        outbox.Add(composer.Compose(to, subject, paragraphs, SessionsLink(http)));
        logger.SecurityNoticeQueued(notice, user.Id);
    }

    // Without a request (a management command) the link needs the configured public address.
    private EmailLink? SessionsLink(HttpContext? http)
    {
        var baseUrl = site.Value.PublicBaseUrl.TrimEnd('/');
        var url = http is not null ? urls.For(http.Request, SessionsPath) : baseUrl.Length > 0 ? baseUrl + SessionsPath : null;
        return url is null ? null : new EmailLink("Review your sessions", url);
    }
}
