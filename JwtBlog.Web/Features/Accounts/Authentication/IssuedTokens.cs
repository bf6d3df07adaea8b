namespace JwtBlog.Web.Features.Accounts.Authentication;

// Persistent: the session was kept ("Keep me signed in"), so its cookies outlive the browser.
public sealed record IssuedTokens(
    string AccessToken, DateTime AccessExpiresAt, string RefreshToken, DateTime RefreshExpiresAt, string SessionId, bool Persistent = false);
