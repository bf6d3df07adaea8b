using System.ComponentModel.DataAnnotations;

namespace JwtBlog.Web.Features.Accounts;

public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    [Range(4, 31)] public int PasswordHashWorkFactor { get; set; } = 11;

    // Hashes waiting for a core; beyond this a login or registration gets 503 + Retry-After instead of a long wait.
    [Range(1, 100_000)] public int MaxQueuedPasswordHashes { get; set; } = 64;
    [Range(1, 1000)] public int MaxFailedLogins { get; set; } = 5;
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    // Live sessions one user may hold; a login beyond it ends the oldest, so logins cannot pile up sessions.
    [Range(1, 10_000)] public int MaxSessionsPerUser { get; set; } = 50;

    // How recent a sign-in must be for changes to the password and second factors (RequireRecentAuthentication).
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")] public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);
}
