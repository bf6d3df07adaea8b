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

    // Space-separated "amr" values of the sign-in (AuthenticationMethods), and when the user last proved who they are.
    public string AuthMethods { get; set; } = AuthenticationMethods.Password;
    public DateTime AuthenticatedAt { get; set; }

    // "Keep me signed in" was asked at sign-in.
    public bool IsRemembered { get; init; }
    public List<RefreshTokenRecord> RefreshTokens { get; init; } = [];
}
