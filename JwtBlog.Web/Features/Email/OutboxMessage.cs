namespace JwtBlog.Web.Features.Email;

// One email waiting for delivery. It is written in the same transaction as the action that causes it, so an
// acknowledged action never loses its email; the background sender claims, sends and marks it.
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 254;
    public const int SubjectMaxLength = 300;

    public long Id { get; init; }
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }
    public DateTime CreatedAt { get; init; }

    // Delivery state: when it may next be tried, how often it was, and who holds it now (a lease, so that several
    // instances never send one message twice).
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}
