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
