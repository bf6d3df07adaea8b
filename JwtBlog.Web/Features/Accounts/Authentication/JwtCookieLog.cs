namespace JwtBlog.Web.Features.Accounts.Authentication;

// Security events of the authentication handler. Never a token or a full session id.
internal static partial class JwtCookieLog
{
    [LoggerMessage(EventId = 2101, EventName = "DuplicatedAuthCookie", Level = LogLevel.Warning,
        Message = "A request carried an auth cookie more than once (cookie tossing?); its auth cookies were ignored.")]
    public static partial void DuplicatedAuthCookie(ILogger logger);

    [LoggerMessage(EventId = 2102, EventName = "SilentRefreshRefused", Level = LogLevel.Information,
        Message = "Silent refresh of a page request refused: {Reason}; the auth cookies were deleted.")]
    public static partial void SilentRefreshRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2110, EventName = "SessionActivityFlushFailed", Level = LogLevel.Warning,
        Message = "Writing the sessions' last uses failed; they are noted again on their next requests.")]
    public static partial void SessionActivityFlushFailed(ILogger logger, Exception exception);
}
