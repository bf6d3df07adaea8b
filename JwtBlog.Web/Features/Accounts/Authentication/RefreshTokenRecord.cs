namespace JwtBlog.Web.Features.Accounts.Authentication;

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
