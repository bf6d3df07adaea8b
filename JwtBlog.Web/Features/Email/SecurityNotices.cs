using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;
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
    IStringLocalizer<EmailText> texts,
    ILogger<SecurityNotices> logger)
{
    public const string SessionsPath = "/account";

    public void PasswordChanged(AppUser user) =>
        Send(user, user.Email!, nameof(PasswordChanged), texts["Notice.PasswordChanged.Subject"], texts["Notice.PasswordChanged.Body"]);

    // Goes to the address the account had before: the one its owner can still read if someone else made the change.
    public void AddressChanged(AppUser user, string previousAddress) =>
        Send(
            user,
            previousAddress,
            nameof(AddressChanged),
            texts["Notice.AddressChanged.Subject"],
            texts["Notice.AddressChanged.Body", previousAddress, user.Email!]);

    public void SecondFactorAdded(AppUser user, SecondFactorKind factor) =>
        Send(user, user.Email!, nameof(SecondFactorAdded), texts["Notice.FactorAdded.Subject"], texts["Notice.FactorAdded.Body", FactorName(factor)]);

    public void SecondFactorRemoved(AppUser user, SecondFactorKind factor) =>
        Send(user, user.Email!, nameof(SecondFactorRemoved), texts["Notice.FactorRemoved.Subject"], texts["Notice.FactorRemoved.Body", FactorName(factor)]);

    public void NewSignIn(AppUser user) =>
        Send(user, user.Email!, nameof(NewSignIn), texts["Notice.NewSignIn.Subject"], texts["Notice.NewSignIn.Body"]);

    private string FactorName(SecondFactorKind factor) => texts["Factor." + factor];

    private void Send(AppUser user, string to, string notice, string subject, string what)
    {
        var http = httpContext.HttpContext;
        var when = UtcTimes.Format(time.GetUtcNow().UtcDateTime, withSeconds: true);
        var address = http is null ? texts["Notice.NotWebRequest"] : http.Connection.RemoteIpAddress?.ToString() ?? texts["Notice.UnknownAddress"];
        var browser = http is null
            ? texts["Notice.NotWebRequest"]
            : BrowserSummary.Describe(http.Request.Headers.UserAgent.ToString(), texts["Browser.Unknown"], texts["Browser.OnSystem"]);
        string[] paragraphs =
        [
            what, texts["Notice.When", when], texts["Notice.IpAddress", address], texts["Notice.Browser", browser], texts["Notice.NotYou"],
        ];
        outbox.Add(composer.Compose(to, subject, paragraphs, SessionsLink(http)));
        logger.SecurityNoticeQueued(notice, user.Id);
    }

    // Without a request (a management command) the link needs the configured public address.
    private EmailLink? SessionsLink(HttpContext? http)
    {
        var baseUrl = site.Value.PublicBaseUrl.TrimEnd('/');
        var url = http is not null ? urls.For(http.Request, SessionsPath) : baseUrl.Length > 0 ? baseUrl + SessionsPath : null;
        return url is null ? null : new EmailLink(texts["Notice.Action"], url);
    }
}
