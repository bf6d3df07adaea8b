namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// POST /accounts/reauthenticate/: the fresh access token (also in the cookie) and its new auth_time.
public sealed record ReauthenticatedResponse(string Detail, string AccessToken, string AuthTime);
