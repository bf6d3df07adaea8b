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

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public EmailVerificationMode EmailVerification { get; set; } = EmailVerificationMode.Optional;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")] public TimeSpan EmailVerificationKeyLifetime { get; set; } = TimeSpan.FromDays(3);

    // Reset, verification and change-of-address emails one address may be sent an hour, known or not (no mail bombing).
    [Range(1, 1000)] public int EmailsPerAddressPerHour { get; set; } = 5;

    // How long a resent verification email blocks the next one to the same address.
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan VerificationEmailCooldown { get; set; } = TimeSpan.FromMinutes(3);

    // How recent a sign-in must be for changes to the password and second factors (RequireRecentAuthentication).
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")] public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);
}
