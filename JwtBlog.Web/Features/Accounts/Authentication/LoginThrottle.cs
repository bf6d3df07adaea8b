namespace JwtBlog.Web.Features.Accounts.Authentication;

// Failed logins per normalized email, known account or not, so a lockout reveals nothing about which emails exist.
public sealed class LoginThrottle
{
    public required string NormalizedEmail { get; init; }
    public DateTime WindowStartedAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? LockedUntil { get; set; }
}
