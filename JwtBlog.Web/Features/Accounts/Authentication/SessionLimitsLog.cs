namespace JwtBlog.Web.Features.Accounts.Authentication;

internal static partial class SessionLimitsLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Information,
        Message = "User {UserId} reached the session cap; {Count} oldest session(s) ended.")]
    internal static partial void OldestSessionsEnded(ILogger logger, int userId, int count);
}
