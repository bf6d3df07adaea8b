using JwtBlog.Web.Features.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// Identity's mail seam on the outbox: each message is added to the caller's context, so the caller's SaveChanges
// (inside its write transaction) stores it with the change that causes it. Nothing is sent from here. Each is written
// in the current UI language: the request's, or the one PasswordResets restores for a stored reset request.
public sealed class OutboxEmailSender(EmailOutbox outbox, EmailComposer composer, IStringLocalizer<EmailText> texts) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink)
    {
        outbox.Add(composer.Compose(
            email,
            texts["Confirm.Subject"],
            [texts["Confirm.Asked", email], texts["Confirm.Instructions"]],
            new EmailLink(texts["Confirm.Action"], confirmationLink)));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink)
    {
        outbox.Add(composer.Compose(
            email,
            texts["Reset.Subject"],
            [texts["Reset.Asked"], texts["Reset.Instructions"]],
            new EmailLink(texts["Reset.Action"], resetLink)));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode)
    {
        outbox.Add(composer.Compose(
            email,
            texts["ResetCode.Subject"],
            [texts["ResetCode.Code", resetCode], texts["ResetCode.Ignore"]]));
        return Task.CompletedTask;
    }
}
