using System.Net;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// Passkey events: EventIds 1150 and up. No credential id, key or challenge in any of them.
public static partial class PasskeyLog
{
    [LoggerMessage(EventId = 1150, EventName = "PasskeyAdded", Level = LogLevel.Information,
        Message = "User {UserId} added a passkey.")]
    public static partial void PasskeyAdded(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1151, EventName = "PasskeyRemoved", Level = LogLevel.Information,
        Message = "User {UserId} removed a passkey.")]
    public static partial void PasskeyRemoved(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1152, EventName = "PasskeyRegistrationFailed", Level = LogLevel.Warning,
        Message = "A passkey of user {UserId} was refused: {Reason}")]
    public static partial void PasskeyRegistrationFailed(this ILogger logger, int userId, string reason);

    [LoggerMessage(EventId = 1153, EventName = "PasskeyAssertionFailed", Level = LogLevel.Warning,
        Message = "A passkey assertion from {RemoteIp} was refused: {Reason}")]
    public static partial void PasskeyAssertionFailed(this ILogger logger, IPAddress? remoteIp, string reason);

    [LoggerMessage(EventId = 1154, EventName = "PasskeyLoginSucceeded", Level = LogLevel.Information,
        Message = "User {UserId} logged in with a passkey from {RemoteIp}.")]
    public static partial void PasskeyLoginSucceeded(this ILogger logger, int userId, IPAddress? remoteIp);
}
