using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Email;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// allauth's address verification: a key by email that confirms the address it names, either the account's current
// address or the new one of a pending change of address (which then becomes the account's address).
public sealed class EmailVerification(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountTokens accountTokens,
    IEmailSender<AppUser> sender,
    PublicUrls urls,
    SecurityNotices notices,
    IOptions<AccountOptions> options,
    ILogger<EmailVerification> logger)
{
    public EmailVerificationMode Mode => options.Value.EmailVerification;

    // Adds the email to the caller's context; the caller's SaveChanges stores it.
    public async Task AddVerificationEmailAsync(AppUser user, string email, HttpRequest request)
    {
        var key = await accountTokens.CreateVerificationKeyAsync(user, email);
        await sender.SendConfirmationLinkAsync(user, email, urls.For(request, "/verify-email/" + key));
    }

    // For an active user whose address is not yet verified; any other address gets the same answer and no email.
    public async Task ResendAsync(string email, HttpRequest request, CancellationToken ct)
    {
        if (Mode == EmailVerificationMode.None || await users.FindByEmailAsync(email) is not { IsActive: true, EmailConfirmed: false } user)
        {
            return;
        }

        await db.InWriteTransactionAsync(
            async token =>
            {
                await AddVerificationEmailAsync(user, user.Email!, request);
                await db.SaveChangesAsync(token);
            },
            ct);
    }

    public async Task<EmailConfirmationResult> ConfirmAsync(string key, CancellationToken ct)
    {
        if (AccountTokens.ReadVerificationKey(key) is not { } parts
            || await db.Users.FindAsync([parts.UserId], ct) is not { IsActive: true } user)
        {
            return EmailConfirmationResult.NotFound;
        }

        var normalized = users.NormalizeEmail(parts.Email);
        if (normalized == user.NormalizedEmail)
        {
            // A used key answers as a bad one, as in the original.
            if (user.EmailConfirmed || !await accountTokens.IsValidVerificationTokenAsync(user, parts.Email, parts.Token))
            {
                return EmailConfirmationResult.NotFound;
            }

            user.EmailConfirmed = true;
            await db.InWriteTransactionAsync(token => db.SaveChangesAsync(token), ct);
            logger.EmailVerified(user.Id);
            return EmailConfirmationResult.Confirmed;
        }

        if (user.PendingEmail is null || users.NormalizeEmail(user.PendingEmail) != normalized
            || !await accountTokens.IsValidVerificationTokenAsync(user, parts.Email, parts.Token))
        {
            return EmailConfirmationResult.NotFound;
        }

        return await ChangeAddressAsync(user, user.PendingEmail, ct);
    }

    // The unique user-name index (the user name is the address) refuses an address taken between the check and the
    // write; a new security stamp kills reset links sent to the old address.
    private async Task<EmailConfirmationResult> ChangeAddressAsync(AppUser user, string newEmail, CancellationToken ct)
    {
        try
        {
            var changed = await db.InWriteTransactionAsync(
                async token =>
                {
                    await db.LockUserAsync(user.Id, token);
                    var normalized = users.NormalizeEmail(newEmail);
                    if (await db.Users.AnyAsync(u => u.Id != user.Id && (u.NormalizedEmail == normalized || u.NormalizedUserName == normalized), token))
                    {
                        return false;
                    }

                    var previousEmail = user.Email!;
                    user.Email = newEmail;
                    user.UserName = newEmail;
                    user.NormalizedEmail = normalized;
                    user.NormalizedUserName = users.NormalizeName(newEmail);
                    user.EmailConfirmed = true;
                    user.PendingEmail = null;
                    user.SecurityStamp = Guid.NewGuid().ToString("N");
                    notices.AddressChanged(user, previousEmail);
                    await db.SaveChangesAsync(token);
                    return true;
                },
                ct);
            if (changed)
            {
                logger.EmailChanged(user.Id);
                return EmailConfirmationResult.Confirmed;
            }
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        logger.EmailChangeRefused(user.Id);
        return EmailConfirmationResult.AddressTaken;
    }
}
