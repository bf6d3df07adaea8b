using MimeKit;

namespace JwtBlog.Web.Features.Email;

// Hands one message over: to an SMTP server, or to the pickup folder. Throws when the message was not taken.
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
