namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// A user's authenticator app. The key itself is Identity's (UserTokens, AuthenticatorKey); this row says whether it is
// active yet (set up, not confirmed with a code until ActivatedAt) and which time step was last accepted, so a code is
// accepted once.
public sealed class TotpAuthenticator
{
    public int UserId { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public long? LastAcceptedTimeStep { get; set; }
}
