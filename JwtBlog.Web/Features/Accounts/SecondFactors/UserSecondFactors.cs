using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Email;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// A user's second factors: the authenticator app (TOTP through Identity's authenticator key and the replay-protected
// provider) and recovery codes. HasAnyAsync is the one answer to "has this user a second factor".
public sealed class UserSecondFactors(
    AppDbContext db,
    UserManager<AppUser> users,
    SecurityNotices notices,
    TimeProvider time,
    IOptions<SiteSettings> site,
    ILogger<UserSecondFactors> logger)
{
    // Recovery codes are a way back in, not a factor of their own. A passkey is a factor (it proves possession and,
    // with user verification required, more), so it counts for the staff rule; it is used by signing in with it.
    public async Task<bool> HasAnyAsync(int userId, CancellationToken ct) =>
        await HasAuthenticatorAsync(userId, ct) || await db.UserPasskeys.AnyAsync(p => p.UserId == userId, ct);

    // A password sign-in asks for a code only of a user with an active authenticator app.
    public Task<bool> HasAuthenticatorAsync(int userId, CancellationToken ct) =>
        db.TotpAuthenticators.AnyAsync(a => a.UserId == userId && a.ActivatedAt != null, ct);

    public async Task<SecondFactorStatus> StatusAsync(int userId, CancellationToken ct) => new(
        await HasAuthenticatorAsync(userId, ct),
        await db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, ct),
        await db.UserPasskeys.CountAsync(p => p.UserId == userId, ct));

    // What a two-step sign-in can take from this user.
    public async Task<IReadOnlyList<string>> MethodsAsync(int userId, CancellationToken ct)
    {
        var status = await StatusAsync(userId, ct);
        var methods = new List<string>();
        if (status.Totp)
        {
            methods.Add(SecondFactorMethods.Totp);
        }

        if (status.RecoveryCodesLeft > 0)
        {
            methods.Add(SecondFactorMethods.RecoveryCode);
        }

        return methods;
    }

    // A new pending key, replacing an earlier pending one. Null while an authenticator is active (remove it first).
    public async Task<TotpSetup?> BeginTotpSetupAsync(AppUser user, CancellationToken ct)
    {
        return await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                var authenticator = await db.TotpAuthenticators.FindAsync([user.Id], token);
                if (authenticator is { ActivatedAt: not null })
                {
                    return null;
                }

                if (authenticator is null)
                {
                    db.TotpAuthenticators.Add(new TotpAuthenticator { UserId = user.Id });
                }
                else
                {
                    authenticator.LastAcceptedTimeStep = null;
                }

                await db.SaveChangesAsync(token);
                await users.ResetAuthenticatorKeyAsync(user);
                return PendingSetup(user, (await users.GetAuthenticatorKeyAsync(user))!);
            },
            ct);
    }

    // The pending key and its URI again (the two-factor page shows them until activation), or null when none is pending.
    public async Task<TotpSetup?> PendingSetupAsync(AppUser user, CancellationToken ct)
    {
        var pending = await db.TotpAuthenticators.AnyAsync(a => a.UserId == user.Id && a.ActivatedAt == null, ct);
        return pending && await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key ? PendingSetup(user, key) : null;
    }

    // One valid code from the pending key activates it; the answer is the first set of recovery codes (shown once).
    // Null for a wrong or replayed code, or when nothing is pending.
    public async Task<IReadOnlyList<string>?> ActivateTotpAsync(AppUser user, string code, CancellationToken ct)
    {
        if (!await db.TotpAuthenticators.AnyAsync(a => a.UserId == user.Id && a.ActivatedAt == null, ct)
            || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            return null;
        }

        var codes = await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                await db.TotpAuthenticators.Where(a => a.UserId == user.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActivatedAt, Now()), token);
                await users.SetTwoFactorEnabledAsync(user, true);
                var recoveryCodes = await ReplaceRecoveryCodesAsync(user.Id, token);
                notices.SecondFactorAdded(user, SecondFactorKind.AuthenticatorApp);
                await db.SaveChangesAsync(token);
                return recoveryCodes;
            },
            ct);
        logger.TotpActivated(user.Id);
        return codes;
    }

    // Removes the authenticator (active or pending) and, with no factor left, the recovery codes. The key is replaced by
    // one nobody has seen, so an old code can never match again.
    public async Task RemoveTotpAsync(AppUser user, string removedBy, CancellationToken ct)
    {
        await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                var wasActive = await HasAuthenticatorAsync(user.Id, token);
                await db.TotpAuthenticators.Where(a => a.UserId == user.Id).ExecuteDeleteAsync(token);
                await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(token);
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, false);
                if (wasActive)
                {
                    notices.SecondFactorRemoved(user, SecondFactorKind.AuthenticatorApp);
                    await db.SaveChangesAsync(token);
                }
            },
            ct);
        logger.TotpRemoved(user.Id, removedBy);
    }

    // Every second factor of the user goes, passkeys included (a superuser's reset for someone who lost their phone),
    // and the user is told.
    public async Task ResetAsync(AppUser user, string resetBy, CancellationToken ct)
    {
        await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                await db.TotpAuthenticators.Where(a => a.UserId == user.Id).ExecuteDeleteAsync(token);
                await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(token);
                await db.UserPasskeys.Where(p => p.UserId == user.Id).ExecuteDeleteAsync(token);
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, false);
                notices.SecondFactorRemoved(user, SecondFactorKind.EveryFactorReset);
                await db.SaveChangesAsync(token);
            },
            ct);
        logger.TotpRemoved(user.Id, resetBy);
    }

    // A new set of codes; the old set is void. Null when the user has no second factor to recover.
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(AppUser user, CancellationToken ct)
    {
        var codes = await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                return await HasAuthenticatorAsync(user.Id, token) ? await ReplaceRecoveryCodesAsync(user.Id, token) : null;
            },
            ct);
        if (codes is not null)
        {
            logger.RecoveryCodesRegenerated(user.Id);
        }

        return codes;
    }

    // A code of the active authenticator or an unused recovery code, each accepted once. Returns the method it proved
    // (AuthenticationMethods.OneTimePassword or RecoveryCode), or null.
    public async Task<string?> VerifyAsync(AppUser user, string code, CancellationToken ct)
    {
        code = code.Trim();
        if (Totp.IsWellFormed(code))
        {
            return await db.TotpAuthenticators.AnyAsync(a => a.UserId == user.Id && a.ActivatedAt != null, ct)
                && await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)
                ? AuthenticationMethods.OneTimePassword
                : null;
        }

        if (RecoveryCodes.Hash(code) is not { } hash)
        {
            return null;
        }

        var now = Now();
        var used = await db.RecoveryCodes
            .Where(c => c.UserId == user.Id && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        if (used != 1)
        {
            return null;
        }

        logger.RecoveryCodeUsed(user.Id);
        return AuthenticationMethods.RecoveryCode;
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(int userId, CancellationToken ct)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        var now = Now();
        var codes = Enumerable.Range(0, RecoveryCodes.Count).Select(_ => RecoveryCodes.NewCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(code => new RecoveryCode { UserId = userId, CodeHash = RecoveryCodes.Hash(code)!, CreatedAt = now }));
        await db.SaveChangesAsync(ct);
        return codes;
    }

    private TotpSetup PendingSetup(AppUser user, string key)
    {
        var issuer = Uri.EscapeDataString(site.Value.SiteName);
        var account = Uri.EscapeDataString(user.Email!);
        return new TotpSetup(key, $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits={Totp.Digits}&period=30");
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
