using System.Net;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// Security events of second factors and re-authentication: EventIds 1100 and up. Never a code, key or token.
public static partial class SecondFactorsLog
{
    [LoggerMessage(EventId = 1100, EventName = "TotpActivated", Level = LogLevel.Information,
        Message = "User {UserId} activated an authenticator app.")]
    public static partial void TotpActivated(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1101, EventName = "TotpRemoved", Level = LogLevel.Information,
        Message = "The authenticator app of user {UserId} was removed by {RemovedBy}.")]
    public static partial void TotpRemoved(this ILogger logger, int userId, string removedBy);

    [LoggerMessage(EventId = 1102, EventName = "RecoveryCodesRegenerated", Level = LogLevel.Information,
        Message = "User {UserId} generated new recovery codes; the old set is void.")]
    public static partial void RecoveryCodesRegenerated(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1103, EventName = "RecoveryCodeUsed", Level = LogLevel.Information,
        Message = "User {UserId} used a recovery code.")]
    public static partial void RecoveryCodeUsed(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1104, EventName = "SecondFactorRequested", Level = LogLevel.Information,
        Message = "User {UserId} gave the right password from {RemoteIp}; a second factor is asked for.")]
    public static partial void SecondFactorRequested(this ILogger logger, int userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1105, EventName = "SecondFactorFailed", Level = LogLevel.Warning,
        Message = "User {UserId} gave a wrong second-factor code from {RemoteIp}.")]
    public static partial void SecondFactorFailed(this ILogger logger, int userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1106, EventName = "Reauthenticated", Level = LogLevel.Information,
        Message = "User {UserId} re-authenticated in session {SessionId} with {Method}.")]
    public static partial void Reauthenticated(this ILogger logger, int userId, string sessionId, string method);

    [LoggerMessage(EventId = 1107, EventName = "ReauthenticationFailed", Level = LogLevel.Warning,
        Message = "User {UserId} failed to re-authenticate from {RemoteIp}.")]
    public static partial void ReauthenticationFailed(this ILogger logger, int userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1108, EventName = "StaffSecondFactorRequired", Level = LogLevel.Information,
        Message = "Staff user {UserId} was sent to {Destination}: admin pages need a session with a second factor.")]
    public static partial void StaffSecondFactorRequired(this ILogger logger, int userId, string destination);
}
