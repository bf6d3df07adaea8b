using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts;

// The seam for outgoing mail: nothing is sent until a real sender replaces this one. The link or code is never logged.
public sealed class NoEmailSender(ILogger<NoEmailSender> logger) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) => NotSent("confirmation", user);

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) => NotSent("password reset link", user);

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) => NotSent("password reset code", user);

    private Task NotSent(string purpose, AppUser user)
    {
        logger.NoEmailSender(purpose, user.Id);
        return Task.CompletedTask;
    }
}
