namespace JwtBlog.Web.Features.Accounts.Authentication;

// One login. Every access and refresh token carries its id ("sid"), so revoking the row ends them all.
public sealed class UserSession
{
    public required string Id { get; init; }
    public int UserId { get; init; }
    public AppUser? User { get; init; }
    public DateTime CreatedAt { get; init; }

    // Absolute end (Jwt:RememberedSessionLifetime from sign-in): use never extends a session past it.
    public DateTime ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; set; }

    // Space-separated "amr" values of the sign-in (AuthenticationMethods), and when the user last proved who they are.
    public string AuthMethods { get; set; } = AuthenticationMethods.Password;
    public DateTime AuthenticatedAt { get; set; }

    // "Keep me signed in" was asked at sign-in.
    public bool IsRemembered { get; init; }

    // The client that signed in, shown in the user's session list. The User-Agent is cut to UserAgentMaxLength.
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }

    // The last request with this session's tokens, written at most once a minute (SessionActivity); null for rows
    // from before it was recorded, which count from CreatedAt.
    public DateTime? LastSeenAt { get; set; }

    public const int IpAddressMaxLength = 45;
    public const int UserAgentMaxLength = 256;
    public List<RefreshTokenRecord> RefreshTokens { get; init; } = [];
}
