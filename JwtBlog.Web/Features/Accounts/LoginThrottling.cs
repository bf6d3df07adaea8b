using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// Failed sign-ins counted per key: an account's normalized email, or a trusted device (DeviceCookies.ThrottleKey).
// MaxFailedLogins failures within FailedLoginWindow lock the key (for LockoutDuration unless told otherwise).
// An attempt is counted before the password is checked, so parallel guesses cannot slip past the limit;
// a successful login clears the count.
public sealed class LoginThrottling(
    AppDbContext db, IHttpContextAccessor http, TimeProvider time, IOptions<AccountOptions> options, ILogger<LoginThrottling> logger)
{
    private readonly AccountOptions _options = options.Value;

    // Returns how long the caller must wait, or null when this attempt may go ahead.
    public Task<TimeSpan?> BeginAttemptAsync(string normalizedEmail, CancellationToken ct, TimeSpan? lockFor = null) =>
        db.InWriteTransactionAsync(
            async token =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                await db.LockLoginThrottleAsync(normalizedEmail, now, token);
                var throttle = await db.LoginThrottles.FindAsync([normalizedEmail], token);
                if (throttle is null)
                {
                    throttle = new LoginThrottle { NormalizedEmail = normalizedEmail, WindowStartedAt = now };
                    db.LoginThrottles.Add(throttle);
                }

                if (throttle.LockedUntil is { } lockedUntil && lockedUntil > now)
                {
                    logger.LockedOut(RemoteIp, Subject(normalizedEmail), (int)(lockedUntil - now).TotalSeconds);
                    return lockedUntil - now;
                }

                if (throttle.LockedUntil is not null || now - throttle.WindowStartedAt >= _options.FailedLoginWindow)
                {
                    throttle.LockedUntil = null;
                    throttle.FailedAttempts = 0;
                    throttle.WindowStartedAt = now;
                }

                throttle.FailedAttempts++;
                if (throttle.FailedAttempts >= _options.MaxFailedLogins)
                {
                    var duration = lockFor ?? _options.LockoutDuration;
                    throttle.LockedUntil = now + duration;
                    logger.LockoutStarted(RemoteIp, throttle.FailedAttempts, Subject(normalizedEmail), (int)duration.TotalSeconds);
                }

                await db.SaveChangesAsync(token);
                return (TimeSpan?)null;
            },
            ct);

    public Task<bool> IsLockedAsync(string key, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.LoginThrottles.AnyAsync(t => t.NormalizedEmail == key && t.LockedUntil > now, ct);
    }

    // The right password of a user who still owes a second factor: the attempt counted for it is given back, but the
    // earlier failures stay, so a known password never buys fresh guesses at the code.
    public Task RefundAttemptAsync(string key, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedEmail == key && t.LockedUntil == null && t.FailedAttempts > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FailedAttempts, t => t.FailedAttempts - 1), ct);

    public Task SucceededAsync(string normalizedEmail, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedEmail == normalizedEmail).ExecuteDeleteAsync(ct);

    private System.Net.IPAddress? RemoteIp => http.HttpContext?.Connection.RemoteIpAddress;

    // Which kind of key is locked, never the email itself.
    private static string Subject(string key) => key.StartsWith("device:", StringComparison.Ordinal) ? "a trusted device" : "an account";
}
