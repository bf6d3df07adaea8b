using MimeKit;

namespace JwtBlog.Web.Features.Email;

// The MIME form of an outbox row: text/plain and text/html alternatives, the configured sender, and a Message-ID
// derived from the row, so that every retry of one message carries the same id and a receiver can tell a duplicate.
public static class OutboxMime
{
    public static MimeMessage Build(OutboxMessage row, MailboxAddress from)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(row.To));
        message.Subject = row.Subject;
        message.Date = new DateTimeOffset(row.CreatedAt, TimeSpan.Zero);
        message.MessageId = MessageIdFor(row, from.Domain);
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        return message;
    }

    // The creation time joins the row id: SQLite may give a purged row's id to a new row.
    public static string MessageIdFor(OutboxMessage row, string domain) =>
        $"outbox-{row.Id}-{row.CreatedAt.Ticks:x}@{(domain.Length > 0 ? domain : "localhost")}";
}
