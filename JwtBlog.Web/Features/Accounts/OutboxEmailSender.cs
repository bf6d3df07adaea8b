using JwtBlog.Web.Features.Email;
using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts;

// Identity's mail seam on the outbox: each message is added to the caller's context, so the caller's SaveChanges
// (inside its write transaction) stores it with the change that causes it. Nothing is sent from here.
public sealed class OutboxEmailSender(EmailOutbox outbox, EmailComposer composer) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink)
    {
        outbox.Add(composer.Compose(
            email,
            "Confirm your e-mail address",
            [
                $"Someone, hopefully you, asked to use {email} for an account.",
                "Confirm the address with the button below. If it was not you, ignore this email: nothing changes.",
            ],
            new EmailLink("Confirm the address", confirmationLink)));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink)
    {
        outbox.Add(composer.Compose(
            email,
            "Reset your password",
            [
                "Someone, hopefully you, asked to reset the password of your account.",
                "Choose a new password with the link below. It works once, for a limited time. If it was not you, ignore this email: your password stays as it is.",
            ],
            new EmailLink("Choose a new password", resetLink)));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode)
    {
        outbox.Add(composer.Compose(
            email,
            "Your password reset code",
            [$"Your password reset code is {resetCode}.", "If you did not ask for it, ignore this email."]));
        return Task.CompletedTask;
    }
}
