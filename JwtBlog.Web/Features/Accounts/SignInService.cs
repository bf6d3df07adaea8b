using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.Passkeys;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Email;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts;

// Identity's SignInManager for session-backed JWTs: password sign-in with lockout, registration, password change and
// set, sign-out and ending sessions, each with its security event. Endpoints, pages and commands call this.
public sealed class SignInService(
    AppDbContext db,
    UserManager<AppUser> users,
    UserAccounts accounts,
    PasswordHashing hashing,
    LoginThrottling throttling,
    TokenService tokens,
    AuthCookies cookies,
    DeviceCookies devices,
    SecurityNotices notices,
    EmailVerification emailVerification,
    UserSecondFactors secondFactors,
    MfaChallenges challenges,
    IHttpContextAccessor httpContext,
    TimeProvider time,
    ILogger<SignInService> logger)
{
    private static readonly SessionStart _passkeySession = new([AuthenticationMethods.HardwareKey]);

    // The lockout is counted before bcrypt runs; an unknown email still costs one verification (same timing).
    // Remember keeps the session ("Keep me signed in"). For a user with a second factor the right password only opens a
    // challenge (SecondFactorSignInAsync finishes it): its attempt is given back, but earlier failures are not cleared
    // until the second factor succeeds.
    public async Task<PasswordSignInResult> PasswordSignInAsync(string email, string password, bool remember, CancellationToken ct)
    {
        var normalizedEmail = users.NormalizeEmail(email)!;
        var throttleKey = await ThrottleKeyAsync(normalizedEmail, ct);
        if (await BeginAttemptAsync(throttleKey, normalizedEmail, ct) is { } wait)
        {
            return PasswordSignInResult.LockedOut(wait);
        }

        var user = await users.FindByEmailAsync(email);
        var verification = await hashing.VerifyAsync(user?.PasswordHash, password, ct);
        if (user is null || !user.IsActive || verification == PasswordVerificationResult.Failed)
        {
            LogFailedLogin(user);
            return PasswordSignInResult.Failed;
        }

        // After the password check, so the answer tells a guesser nothing; the right password ends the failure count.
        if (emailVerification.Mode == EmailVerificationMode.Mandatory && !user.EmailConfirmed)
        {
            await throttling.SucceededAsync(throttleKey, ct);
            logger.LoginRefusedUnverified(user.Id);
            return PasswordSignInResult.EmailNotVerified(user);
        }

        var verifiedStamp = user.SecurityStamp;
        var rehashed = verification == PasswordVerificationResult.SuccessRehashNeeded ? await hashing.HashAsync(password, ct) : null;

        // One write transaction: clear the failure count, record the login, start the session. It first checks that
        // the password was not changed (nor the account deactivated) while bcrypt ran, which would end this session.
        string? mfaToken = null;
        var issued = await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                if (!await db.Users.AnyAsync(u => u.Id == user.Id && u.IsActive && u.SecurityStamp == verifiedStamp, token))
                {
                    return null;
                }

                if (rehashed is not null)
                {
                    user.PasswordHash = rehashed;
                    await db.SaveChangesAsync(token);
                }

                if (await secondFactors.HasAuthenticatorAsync(user.Id, token))
                {
                    await throttling.RefundAttemptAsync(throttleKey, token);
                    mfaToken = await challenges.IssueAsync(user, remember, token);
                    return null;
                }

                return await CompleteSignInAsync(user, normalizedEmail, throttleKey, SessionStart.Password with { Remember = remember }, token);
            },
            ct);

        if (mfaToken is not null)
        {
            logger.SecondFactorRequested(user.Id, RemoteIp);
            return PasswordSignInResult.SecondFactorRequired(user, mfaToken, await secondFactors.MethodsAsync(user.Id, ct));
        }

        if (issued is null)
        {
            LogFailedLogin(user);
            return PasswordSignInResult.Failed;
        }

        RememberDevice(normalizedEmail);
        logger.LoginSucceeded(user.Id, RemoteIp);
        return PasswordSignInResult.Success(issued, user);
    }

    // A checked passkey assertion (UserPasskeys.VerifyAssertionAsync) signs its user in with amr "hwk". An inactive
    // account is refused. The passkey's new signature count is stored with the session, so an old count replayed by a
    // cloned authenticator fails next time.
    public async Task<IssuedTokens?> PasskeySignInAsync(AppUser user, UserPasskeyInfo passkey, CancellationToken ct)
    {
        var issued = await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                if (!await db.Users.AnyAsync(u => u.Id == user.Id && u.IsActive, token))
                {
                    return null;
                }

                await users.AddOrUpdatePasskeyAsync(user, passkey);
                user.LastLogin = time.GetUtcNow().UtcDateTime;
                NoticeNewDevice(user, user.NormalizedEmail!);
                await db.SaveChangesAsync(token);
                return await tokens.StartSessionAsync(user, _passkeySession, token);
            },
            ct);

        if (issued is null)
        {
            LogFailedLogin(user);
            return null;
        }

        RememberDevice(user.NormalizedEmail!);
        logger.PasskeyLoginSucceeded(user.Id, RemoteIp);
        return issued;
    }

    // A checked passkey assertion for the signed-in user moves the session's auth_time to now and adds "hwk".
    public Task<IssuedTokens?> ReauthenticateWithPasskeyAsync(string sessionId, AppUser user, UserPasskeyInfo passkey, CancellationToken ct) =>
        db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                await users.AddOrUpdatePasskeyAsync(user, passkey);
                return await tokens.ReauthenticateAsync(sessionId, user, _passkeySession.Methods, token);
            },
            ct);

    // The second step: a code of the user's authenticator or a recovery code, for the mfa_token the password step gave.
    // Wrong codes count towards the same lockout as wrong passwords, and void the token after a few.
    public async Task<SecondFactorSignInResult> SecondFactorSignInAsync(string mfaToken, string code, CancellationToken ct)
    {
        if (await challenges.FindAsync(mfaToken, ct) is not { } challenge
            || await db.Users.FindAsync([challenge.UserId], ct) is not { IsActive: true } user)
        {
            return SecondFactorSignInResult.InvalidToken;
        }

        var normalizedEmail = user.NormalizedEmail!;
        var throttleKey = await ThrottleKeyAsync(normalizedEmail, ct);
        if (await BeginAttemptAsync(throttleKey, normalizedEmail, ct) is { } wait)
        {
            return SecondFactorSignInResult.LockedOut(wait);
        }

        if (await secondFactors.VerifyAsync(user, code, ct) is not { } method)
        {
            await challenges.CountFailureAsync(challenge, ct);
            logger.SecondFactorFailed(user.Id, RemoteIp);
            return SecondFactorSignInResult.WrongCode;
        }

        // The token is spent here, once; the password it stands for must still be the current one.
        var issued = await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(user.Id, token);
                if (!await challenges.ConsumeAsync(challenge, token)
                    || !await db.Users.AnyAsync(u => u.Id == user.Id && u.IsActive && u.SecurityStamp == challenge.SecurityStamp, token))
                {
                    return null;
                }

                return await CompleteSignInAsync(
                    user, normalizedEmail, throttleKey, new SessionStart([AuthenticationMethods.Password, method], challenge.Remember), token);
            },
            ct);
        if (issued is null)
        {
            return SecondFactorSignInResult.InvalidToken;
        }

        RememberDevice(normalizedEmail);
        logger.LoginSucceeded(user.Id, RemoteIp);
        return SecondFactorSignInResult.Success(issued, user);
    }

    // The signed-in user proves who they are again (password, or a code when they have a second factor): the session's
    // auth_time moves to now. Wrong answers count towards the login lockout.
    public async Task<ReauthenticationResult> ReauthenticateAsync(
        AppUser user, string sessionId, string? password, string? code, CancellationToken ct)
    {
        var normalizedEmail = user.NormalizedEmail!;
        var throttleKey = await ThrottleKeyAsync(normalizedEmail, ct);
        if (await BeginAttemptAsync(throttleKey, normalizedEmail, ct) is { } wait)
        {
            return ReauthenticationResult.LockedOut(wait);
        }

        var method = password is not null
            ? await hashing.VerifyAsync(user.PasswordHash, password, ct) == PasswordVerificationResult.Failed ? null : AuthenticationMethods.Password
            : await secondFactors.VerifyAsync(user, code ?? "", ct);
        if (method is null)
        {
            logger.ReauthenticationFailed(user.Id, RemoteIp);
            return ReauthenticationResult.Wrong;
        }

        await throttling.SucceededAsync(throttleKey, ct);
        if (await tokens.ReauthenticateAsync(sessionId, user, [method], ct) is not { } issued)
        {
            return ReauthenticationResult.SessionEnded;
        }

        logger.Reauthenticated(user.Id, AccountsLog.ShortSessionId(sessionId), method);
        return ReauthenticationResult.Success(issued);
    }

    // The caller has validated the fields; the password rules are checked here against the whole profile.
    public async Task<RegistrationResult> RegisterAsync(AppUser user, string password, CancellationToken ct)
    {
        var errors = await accounts.ValidatePasswordAsync(user, password);
        if (errors.Count > 0)
        {
            return RegistrationResult.Rejected(errors);
        }

        if (!await accounts.CreateAsync(user, password, ct))
        {
            return RegistrationResult.DuplicateEmail;
        }

        if (emailVerification.Mode != EmailVerificationMode.None && httpContext.HttpContext is { } http)
        {
            await db.InWriteTransactionAsync(
                async token =>
                {
                    await emailVerification.AddVerificationEmailAsync(user, user.Email!, http.Request);
                    await db.SaveChangesAsync(token);
                },
                ct);
        }

        // Mandatory verification signs nobody in before the address is confirmed.
        if (emailVerification.Mode == EmailVerificationMode.Mandatory)
        {
            RememberDevice(user.NormalizedEmail!);
            logger.Registered(user.Id, RemoteIp);
            return RegistrationResult.VerificationSent;
        }

        var issued = await tokens.StartSessionAsync(user, SessionStart.Password, ct);
        RememberDevice(user.NormalizedEmail!);
        logger.Registered(user.Id, RemoteIp);
        return RegistrationResult.Success(issued);
    }

    // Every session ends, the caller's included; the caller continues in the fresh session returned.
    public async Task<PasswordChangeResult> ChangePasswordAsync(
        AppUser user, string currentPassword, string newPassword, string confirmPassword, CancellationToken ct)
    {
        // Guesses at the current password count towards the same lockout as logins: a stolen token is no oracle.
        var normalizedEmail = user.NormalizedEmail!;
        var throttleKey = await ThrottleKeyAsync(normalizedEmail, ct);
        if (await BeginAttemptAsync(throttleKey, normalizedEmail, ct) is { } wait)
        {
            return PasswordChangeResult.LockedOut(wait);
        }

        if (await hashing.VerifyAsync(user.PasswordHash, currentPassword, ct) == PasswordVerificationResult.Failed)
        {
            logger.PasswordChangeFailed(user.Id, RemoteIp);
            return PasswordChangeResult.WrongCurrentPassword;
        }

        await throttling.SucceededAsync(throttleKey, ct);
        if (newPassword != confirmPassword)
        {
            return PasswordChangeResult.Mismatch;
        }

        var errors = await accounts.ValidatePasswordAsync(user, newPassword);
        if (errors.Count > 0)
        {
            return PasswordChangeResult.Rejected(errors);
        }

        var ended = await accounts.SetPasswordAsync(user, newPassword, keepSessionId: null, ct);
        logger.PasswordChanged(user.Id);
        logger.SessionsEnded(user.Id, SecurityActors.PasswordChange, ended);
        return PasswordChangeResult.Success(await tokens.StartSessionAsync(user, SessionStart.Password, ct));
    }

    // The current password of a signed-in user, for a sensitive change; wrong guesses count towards the lockout as
    // logins do. Returns the wait while locked out, else whether it was right.
    public async Task<PasswordCheck> CheckPasswordAsync(AppUser user, string password, CancellationToken ct)
    {
        var throttleKey = await ThrottleKeyAsync(user.NormalizedEmail!, ct);
        if (await BeginAttemptAsync(throttleKey, user.NormalizedEmail!, ct) is { } wait)
        {
            return new PasswordCheck(false, wait);
        }

        if (await hashing.VerifyAsync(user.PasswordHash, password, ct) == PasswordVerificationResult.Failed)
        {
            logger.PasswordChangeFailed(user.Id, RemoteIp);
            return new PasswordCheck(false, null);
        }

        await throttling.SucceededAsync(throttleKey, ct);
        return new PasswordCheck(true, null);
    }

    // Someone else (a management command) creates an account; the caller has validated the password. No session
    // starts. Returns false when the email is taken.
    public async Task<bool> CreateUserAsync(AppUser user, string password, string createdBy, CancellationToken ct)
    {
        if (!await accounts.CreateAsync(user, password, ct))
        {
            return false;
        }

        logger.UserCreated(user.Id, createdBy);
        return true;
    }

    // Someone else (an admin, a management command) sets the password; the caller has validated it.
    public async Task SetPasswordAsync(AppUser user, string password, string? keepSessionId, string setBy, CancellationToken ct)
    {
        var ended = await accounts.SetPasswordAsync(user, password, keepSessionId, ct);
        logger.PasswordSet(user.Id, setBy);
        logger.SessionsEnded(user.Id, setBy, ended);
    }

    // Their access and refresh tokens are refused from the next request on. Joins the caller's write transaction.
    public async Task<int> EndSessionsAsync(int userId, string? keepSessionId, string endedBy, CancellationToken ct)
    {
        var ended = await tokens.EndSessionsAsync(userId, keepSessionId, ct);
        logger.SessionsEnded(userId, endedBy, ended);
        return ended;
    }

    // Ends the session named by the refresh token (body or cookie) or by the request's own access token.
    public async Task SignOutAsync(HttpContext http, string? bodyRefreshToken)
    {
        var ended = new HashSet<string>(StringComparer.Ordinal);
        // AuthCookies.Read refuses a duplicated cookie: a tossed cookie cannot pick which session ends.
        foreach (var refresh in new[] { bodyRefreshToken, AuthCookies.Read(http.Request).Refresh })
        {
            if (!string.IsNullOrEmpty(refresh) && await tokens.RevokeSessionAsync(refresh, http.RequestAborted) is { } sessionId)
            {
                ended.Add(sessionId);
            }
        }

        var authenticated = await http.AuthenticateAsync();
        // Usually the refresh token's session: it is revoked once.
        if (authenticated.Principal?.SessionId() is { } ownSessionId && ended.Add(ownSessionId))
        {
            await tokens.RevokeSessionByIdAsync(ownSessionId, http.RequestAborted);
        }

        cookies.Delete(http);
        foreach (var sessionId in ended)
        {
            logger.LoggedOut(AccountsLog.ShortSessionId(sessionId));
        }
    }

    // A client holding this account's device cookie is judged by the device's own failure budget while the device has
    // budget left; any other client by the account's lockout, which therefore cannot lock the owner's own devices out.
    private async Task<string> ThrottleKeyAsync(string normalizedEmail, CancellationToken ct)
    {
        if (httpContext.HttpContext is { } http && devices.Find(http, normalizedEmail) is { } device
            && !await throttling.IsLockedAsync(DeviceCookies.ThrottleKey(device), ct))
        {
            return DeviceCookies.ThrottleKey(device);
        }

        return normalizedEmail;
    }

    // A device that spends its budget loses its trust until it signs in again (through the account's own limit).
    private Task<TimeSpan?> BeginAttemptAsync(string throttleKey, string normalizedEmail, CancellationToken ct) =>
        throttleKey == normalizedEmail
            ? throttling.BeginAttemptAsync(normalizedEmail, ct)
            : throttling.BeginAttemptAsync(throttleKey, ct, lockFor: DeviceCookies.Lifetime);

    // The right password from a device that had lost its trust gives the trust back.
    private async Task ForgiveDeviceAsync(string normalizedEmail, CancellationToken ct)
    {
        if (httpContext.HttpContext is { } http && devices.Find(http, normalizedEmail) is { } device)
        {
            await throttling.SucceededAsync(DeviceCookies.ThrottleKey(device), ct);
        }
    }

    // The last step of a password or two-step sign-in, inside its write transaction: the failures are forgiven, the login
    // recorded (with a notice for a new device) and the session started.
    private async Task<IssuedTokens> CompleteSignInAsync(
        AppUser user, string normalizedEmail, string throttleKey, SessionStart start, CancellationToken ct)
    {
        await throttling.SucceededAsync(throttleKey, ct);
        await ForgiveDeviceAsync(normalizedEmail, ct);
        user.LastLogin = time.GetUtcNow().UtcDateTime;
        NoticeNewDevice(user, normalizedEmail);
        await db.SaveChangesAsync(ct);
        return await tokens.StartSessionAsync(user, start, ct);
    }

    // A client without this account's device cookie has never signed in to it: the owner hears of it, in the sign-in's
    // own transaction.
    private void NoticeNewDevice(AppUser user, string normalizedEmail)
    {
        if (httpContext.HttpContext is { } http && devices.Find(http, normalizedEmail) is null)
        {
            notices.NewSignIn(user);
        }
    }

    private void RememberDevice(string normalizedEmail)
    {
        if (httpContext.HttpContext is { } http)
        {
            devices.Remember(http, normalizedEmail);
        }
    }

    private System.Net.IPAddress? RemoteIp => httpContext.HttpContext?.Connection.RemoteIpAddress;

    private void LogFailedLogin(AppUser? user)
    {
        if (user is null)
        {
            logger.LoginFailedUnknownEmail(RemoteIp);
        }
        else
        {
            logger.LoginFailed(user.Id, RemoteIp);
        }
    }
}
