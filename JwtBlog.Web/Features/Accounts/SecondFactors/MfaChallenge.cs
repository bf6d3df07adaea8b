namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// The half-finished sign-in between the right password and the second factor. The client holds the opaque token; the
// server keeps its SHA-256, the user, the security stamp the password was checked against and the wrong codes so far.
public sealed class MfaChallenge
{
    public string TokenHash { get; set; } = "";
    public int UserId { get; set; }
    public string SecurityStamp { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }

    // "Keep me signed in" from the password step, for the session the second step starts.
    public bool Remember { get; set; }
}
