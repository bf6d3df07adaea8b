using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Email;
using JwtBlog.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// A change of address: the new address gets a verification key (EmailVerification.ConfirmAsync makes the change),
// the old one a notice with a cancel link. Nothing changes until the new address is confirmed; a newer request
// replaces the pending one.
public sealed class EmailChanges(
    AppDbContext db,
    AccountTokens accountTokens,
    EmailVerification verification,
    EmailComposer composer,
    EmailOutbox outbox,
    PublicUrls urls,
    IStringLocalizer<EmailText> texts,
    ILogger<EmailChanges> logger)
{
    public const string SameAddress = "EmailChange.SameAddress";

    public async Task RequestAsync(AppUser user, string newEmail, HttpRequest request, CancellationToken ct)
    {
        newEmail = EmailAddress.Normalize(newEmail);
        var oldEmail = user.Email!;
        await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                user.PendingEmail = newEmail;
                await verification.AddVerificationEmailAsync(user, newEmail, request);
                var cancelKey = await accountTokens.CreateChangeCancelKeyAsync(user, newEmail);
                outbox.Add(composer.Compose(
                    oldEmail,
                    texts["ChangeRequested.Subject"],
                    [texts["ChangeRequested.Asked", oldEmail, newEmail], texts["ChangeRequested.Instructions"]],
                    new EmailLink(texts["ChangeRequested.Action"], urls.For(request, "/email/change/cancel/" + cancelKey))));
                await db.SaveChangesAsync(token);
            },
            ct);
        logger.EmailChangeRequested(user.Id);
    }

    // False for a bad or expired key, or when no change to that address is pending any more.
    public async Task<bool> CancelAsync(string key, CancellationToken ct)
    {
        if (AccountTokens.ReadVerificationKey(key) is not { } parts
            || await db.Users.FindAsync([parts.UserId], ct) is not { PendingEmail: { } pending } user
            || !string.Equals(pending, parts.Email, StringComparison.OrdinalIgnoreCase)
            || !await accountTokens.IsValidChangeCancelTokenAsync(user, pending, parts.Token))
        {
            return false;
        }

        user.PendingEmail = null;
        await db.InWriteTransactionAsync(token => db.SaveChangesAsync(token), ct);
        logger.EmailChangeCancelled(user.Id);
        return true;
    }
}
