using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Email;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// dj-rest-auth's password reset: a link by email (PasswordResetMailer calls SendLinkAsync), then a new password for
// a valid uid and token. Only the newest link works, once, and a password change kills it (AccountTokens).
public sealed class PasswordResets(
    AppDbContext db,
    UserManager<AppUser> users,
    UserAccounts accounts,
    AccountTokens accountTokens,
    PasswordHashing hashing,
    LoginThrottling throttling,
    TokenService tokens,
    IEmailSender<AppUser> sender,
    SecurityNotices notices,
    IStringLocalizer<ApiText> messages,
    ILogger<PasswordResets> logger)
{
    public const string InvalidValue = "Reset.InvalidValue";
    public const string Mismatch = "Password.Mismatch";

    // The stored request is claimed by deleting it in the transaction that does its work, so it is done once even when
    // several mailers (after a restart, or on several instances) see it.
    public async Task SendLinkAsync(PasswordResetJob job, CancellationToken ct)
    {
        // The link is written in the language of the request that asked for it, not the mailer's; the change ends with
        // this method (an async method's culture does not flow back to its caller).
        var language = SiteLanguages.IsSupported(job.Language) ? job.Language : SiteLanguages.English;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        var user = await users.FindByEmailAsync(job.Email);
        var sent = await db.InWriteTransactionAsync(
            async token =>
            {
                if (await db.PendingPasswordResets.Where(r => r.Id == job.RequestId).ExecuteDeleteAsync(token) == 0
                    || user is not { IsActive: true })
                {
                    return false;
                }

                await db.LockUserAsync(user.Id, token);

                // A newer link kills the older ones: their purpose names the previous generation.
                user.PasswordResetGeneration++;
                var resetToken = await accountTokens.CreateResetTokenAsync(user);
                await sender.SendPasswordResetLinkAsync(user, user.Email!, job.LinkBase + AccountTokens.EncodeUid(user.Id) + "/" + resetToken);
                await db.SaveChangesAsync(token);
                return true;
            },
            ct);
        if (sent)
        {
            logger.PasswordResetRequested(user!.Id);
        }
        else if (user is not { IsActive: true })
        {
            logger.PasswordResetUnknownEmail();
        }
    }

    // The uid and token first (as dj-rest-auth), then the password rules on new_password2. Success ends every session,
    // clears the lockout and marks the address verified: only its owner could read the link.
    public async Task<FieldErrors> ConfirmAsync(
        string uid, string token, string newPassword1, string newPassword2, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var user = AccountTokens.DecodeUid(uid) is { } userId ? await db.Users.FindAsync([userId], ct) : null;
        if (user is not { IsActive: true })
        {
            errors.Add("uid", messages[InvalidValue]);
            return errors;
        }

        if (!await accountTokens.IsValidResetTokenAsync(user, token))
        {
            errors.Add("token", messages[InvalidValue]);
            return errors;
        }

        if (newPassword1 != newPassword2)
        {
            errors.Add("new_password2", messages[Mismatch]);
            return errors;
        }

        var rejected = await accounts.ValidatePasswordAsync(user, newPassword2);
        if (rejected.Count > 0)
        {
            errors.Add("new_password2", rejected.Select(e => e.Description));
            return errors;
        }

        var hash = await hashing.HashAsync(newPassword2, ct);
        var (stamp, generation) = (user.SecurityStamp, user.PasswordResetGeneration);
        var ended = await db.InWriteTransactionAsync(
            async t =>
            {
                await db.LockUserAsync(user.Id, t);

                // Single use: a parallel confirmation with the same token (or a newer request) got here first.
                if (!await db.Users.AnyAsync(u => u.Id == user.Id && u.SecurityStamp == stamp && u.PasswordResetGeneration == generation, t))
                {
                    return (int?)null;
                }

                user.PasswordHash = hash;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                user.PasswordResetGeneration++;
                user.EmailConfirmed = true;
                notices.PasswordChanged(user);
                await db.SaveChangesAsync(t);
                await throttling.SucceededAsync(user.NormalizedEmail!, t);
                return await tokens.EndSessionsAsync(user.Id, null, t);
            },
            ct);

        if (ended is null)
        {
            errors.Add("token", messages[InvalidValue]);
            return errors;
        }

        logger.PasswordReset(user.Id);
        logger.SessionsEnded(user.Id, SecurityActors.PasswordReset, ended.Value);
        return errors;
    }
}
