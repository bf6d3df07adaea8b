namespace JwtBlog.Web.Features.Accounts.Authentication;

// One login. Every access and refresh token carries its id ("sid"), so revoking the row ends them all.
public sealed class UserSession
{
    public required string Id { get; init; }
    public int UserId { get; init; }
    public AppUser? User { get; init; }
    public DateTime CreatedAt { get; init; }

    // Absolute end: rotation never extends a session past the refresh lifetime from login.
    public DateTime ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; set; }
    public List<RefreshTokenRecord> RefreshTokens { get; init; } = [];
}

// Every refresh token ever issued, by jti (never the token itself).
public sealed class RefreshTokenRecord
{
    public required string Jti { get; init; }
    public required string SessionId { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? ConsumedAt { get; set; }
    public string? ReplacedByJti { get; set; }

    // The client that consumed it (RefreshClient): only that client gets the successor again in the grace window.
    public string? ConsumedByUserAgentHash { get; set; }
    public string? ConsumedFromAddressPrefix { get; set; }
}

// Failed logins per normalized email, known account or not, so a lockout reveals nothing about which emails exist.
public sealed class LoginThrottle
{
    public required string NormalizedEmail { get; init; }
    public DateTime WindowStartedAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? LockedUntil { get; set; }
}
