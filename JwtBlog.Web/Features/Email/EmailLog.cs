namespace JwtBlog.Web.Features.Email;

// Mail events: EventIds 5000 and up. Never a message body (it may hold a reset link) or the SMTP password.
public static partial class EmailLog
{
    [LoggerMessage(EventId = 5000, EventName = "MessageSent", Level = LogLevel.Information,
        Message = "Outbox message {MessageId} delivered after {Attempts} failed attempts.")]
    public static partial void MessageSent(this ILogger logger, long messageId, int attempts);

    [LoggerMessage(EventId = 5001, EventName = "MessageSendFailed", Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} not delivered (attempt {Attempts}); next attempt at {NextAttemptAt:O}: {Error}")]
    public static partial void MessageSendFailed(this ILogger logger, long messageId, int attempts, DateTime nextAttemptAt, string error);

    [LoggerMessage(EventId = 5002, EventName = "MessageStillUndelivered", Level = LogLevel.Error,
        Message = "Outbox message {MessageId} is still undelivered after {Attempts} attempts; check the mail settings and the server.")]
    public static partial void MessageStillUndelivered(this ILogger logger, long messageId, int attempts);

    [LoggerMessage(EventId = 5003, EventName = "MessageWrittenToPickup", Level = LogLevel.Information,
        Message = "Email written to {Path}")]
    public static partial void MessageWrittenToPickup(this ILogger logger, string path);

    [LoggerMessage(EventId = 5004, EventName = "OutboxPassFailed", Level = LogLevel.Error,
        Message = "The outbox sender could not read or update the outbox.")]
    public static partial void OutboxPassFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, EventName = "SecurityNoticeQueued", Level = LogLevel.Information,
        Message = "Security notice {Notice} queued for user {UserId}.")]
    public static partial void SecurityNoticeQueued(this ILogger logger, string notice, int userId);
}
