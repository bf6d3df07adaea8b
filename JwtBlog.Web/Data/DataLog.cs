namespace JwtBlog.Web.Data;

// Data events: EventIds 4000 and up.
public static partial class DataLog
{
    [LoggerMessage(EventId = 4000, EventName = "ExpiredRowsPurgeFailed", Level = LogLevel.Error, Message = "Purging expired sessions failed.")]
    public static partial void ExpiredRowsPurgeFailed(this ILogger logger, Exception exception);
}
