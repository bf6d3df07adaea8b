namespace JwtBlog.Web.Features.Accounts;

// A stored reset request (PendingPasswordReset) waiting for PasswordResetMailer.
public sealed record PasswordResetJob(long RequestId, string Email, string LinkBase, string Language);
