using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// Per-account lockout: MaxFailedLogins failures within FailedLoginWindow lock the email for LockoutDuration.
// An attempt is counted before the password is checked, so parallel guesses cannot slip past the limit;
// a successful login clears the count.
public sealed class LoginThrottling(AppDbContext db, WriteGate writes, TimeProvider time, IOptions<AccountOptions> options, ILogger<LoginThrottling> logger)
{
    private readonly AccountOptions _options = options.Value;

    // Returns how long the caller must wait, or null when this attempt may go ahead.
    public async Task<TimeSpan?> BeginAttemptAsync(string normalizedEmail, CancellationToken ct)
    {
        using var writing = await writes.EnterAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var throttle = await db.LoginThrottles.FindAsync([normalizedEmail], ct);
        if (throttle is null)
        {
            throttle = new LoginThrottle { NormalizedEmail = normalizedEmail, WindowStartedAt = now };
            db.LoginThrottles.Add(throttle);
        }

        if (throttle.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            logger.LogWarning("Login refused: the account is locked for {Seconds} more seconds after repeated failures.",
                (int)(lockedUntil - now).TotalSeconds);
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
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    public Task SucceededAsync(string normalizedEmail, CancellationToken ct) =>
        db.LoginThrottles.Where(t => t.NormalizedEmail == normalizedEmail).ExecuteDeleteAsync(ct);
}
