namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// 403 from RequireRecentAuthentication; the code lets page scripts ask for the password and retry.
public sealed record ReauthenticationRequiredResponse(string Detail, string Code)
{
    public static ReauthenticationRequiredResponse Instance { get; } = new("Re-authentication required.", "reauthentication_required");
}
