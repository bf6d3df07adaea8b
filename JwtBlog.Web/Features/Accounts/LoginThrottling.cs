using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// Per-account lockout: MaxFailedLogins failures within FailedLoginWindow lock the email for LockoutDuration.
// An attempt is counted before the password is checked, so parallel guesses cannot slip past the limit;
// a successful login clears the count.
public sealed class LoginThrottling(AppDbContext db, TimeProvider time, IOptions<AccountOptions> options, ILogger<LoginThrottling> logger)
{
    private readonly AccountOptions _options = options.Value;

    // Returns how long the caller must wait, or null when this attempt may go ahead.
    public Task<TimeSpan?> BeginAttemptAsync(string normalizedEmail, CancellationToken ct) =>
        db.InWriteTransactionAsync(
            async token =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var throttle = await db.LoginThrottles.FindAsync([normalizedEmail], token);
                if (throttle is null)
                {
                    throttle = new LoginThrottle { NormalizedEmail = normalizedEmail, WindowStartedAt = now };
                    db.LoginThrottles.Add(throttle);
                }

                if (throttle.LockedUntil is { } lockedUntil && lockedUntil > now)
                {
                    logger.LockedOut((int)(lockedUntil - now).TotalSeconds);
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
                    throttle.LockedUntil = now + _options.LockoutDuration;
                    logger.LockoutStarted(throttle.FailedAttempts, (int)_options.LockoutDuration.TotalSeconds);
                }

                await db.SaveChangesAsync(token);
                return (TimeSpan?)null;
            },
            ct);

    public Task SucceededAsync(string normalizedEmail, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedEmail == normalizedEmail).ExecuteDeleteAsync(ct);
}
