namespace JwtBlog.Web.Features.Accounts;

// A reset asked for an address (known or not); LinkBase is the public "/password/reset/" URL the uid and token follow.
public sealed record PasswordResetJob(string Email, string LinkBase);
