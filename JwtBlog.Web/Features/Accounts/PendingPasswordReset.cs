using JwtBlog.Web.Features.Shared.Localization;

namespace JwtBlog.Web.Features.Accounts;

// A reset asked for an address (known or not), stored before the request is answered so that no acknowledged request
// is lost; PasswordResetMailer turns it into a link in the outbox (or nothing, for an unknown address) and deletes it.
public sealed class PendingPasswordReset
{
    public const int LinkBaseMaxLength = 500;
    public const int LanguageMaxLength = 8;

    public long Id { get; init; }
    public required string Email { get; init; }

    // The public "/password/reset/" URL that the uid and token follow.
    public required string LinkBase { get; init; }
    public DateTime RequestedAt { get; init; }

    // The language of the request ("en" or "ko"): the link is written in it. Rows stored before it existed are empty
    // and get English.
    public string Language { get; init; } = SiteLanguages.English;
}
