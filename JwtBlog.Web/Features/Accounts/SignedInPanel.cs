namespace JwtBlog.Web.Features.Accounts;

// What /login and /register show above their form to someone already signed in: where "Continue" goes, and which
// page asks (the hint under it differs).
public sealed record SignedInPanel(string ReturnUrl, bool OnRegisterPage);
