using JwtBlog.Web.Data;

namespace JwtBlog.Web.Features.Email;

// Puts an email in the outbox. It only adds the row to the caller's context: the caller's SaveChanges (inside its
// write transaction) stores the email together with the change that causes it, or neither. The sender is woken once
// the row is committed.
public sealed class EmailOutbox(AppDbContext db, TimeProvider time, OutboxCommitSignal commitSignal)
{
    public void Add(EmailMessage message)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            To = message.To,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        commitSignal.Expect(db);
    }
}
