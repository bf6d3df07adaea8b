using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace JwtBlog.Web.Features.Email;

// One connection per message: the sender sends rarely, and a fresh connection never trips over a server that closed
// an idle one.
public sealed class SmtpTransport(IOptions<EmailSettings> settings) : IMailTransport
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = settings.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)_timeout.TotalMilliseconds };
        var security = smtp.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (smtp.UserName.Length > 0)
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
