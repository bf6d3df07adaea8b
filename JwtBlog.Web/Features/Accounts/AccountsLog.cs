using System.Net;

namespace JwtBlog.Web.Features.Accounts;

// Security events of the accounts feature: EventIds 1000 and up. No password, token or full session id in any of them.
public static partial class AccountsLog
{
    // Enough to tell sessions apart in the log, too little to name one to the server.
    public static string ShortSessionId(string sessionId) => sessionId.Length <= 8 ? sessionId : sessionId[..8];

    [LoggerMessage(EventId = 1000, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "User {UserId} logged in from {RemoteIp}.")]
    public static partial void LoginSucceeded(this ILogger logger, int userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1001, EventName = "LoginFailed", Level = LogLevel.Warning,
        Message = "Failed login for user {UserId} from {RemoteIp}.")]
    public static partial void LoginFailed(this ILogger logger, int userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1002, EventName = "LoginFailedUnknownEmail", Level = LogLevel.Warning,
        Message = "Failed login for an unknown email from {RemoteIp}.")]
    public static partial void LoginFailedUnknownEmail(this ILogger logger, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1003, EventName = "LockedOut", Level = LogLevel.Warning,
        Message = "Sign-in refused from {RemoteIp}: {Subject} is locked for {Seconds} more seconds after repeated failures.")]
    public static partial void LockedOut(this ILogger logger, IPAddress? remoteIp, string subject, int seconds);

    [LoggerMessage(EventId = 1004, EventName = "LockoutStarted", Level = LogLevel.Warning,
        Message = "Lockout started by {RemoteIp}: {Attempts} failed sign-ins; {Subject} is locked for {Seconds} seconds.")]
    public static partial void LockoutStarted(this ILogger logger, IPAddress? remoteIp, int attempts, string subject, int seconds);

    [LoggerMessage(EventId = 1005, EventName = "Registered", Level = LogLevel.Information,
        Message = "User {UserId} registered from {RemoteIp}.")]
    public static partial void Registered(this ILogger logger, int userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1006, EventName = "LoggedOut", Level = LogLevel.Information,
        Message = "Session {SessionId} ended by logout.")]
    public static partial void LoggedOut(this ILogger logger, string sessionId);

    [LoggerMessage(EventId = 1007, EventName = "PasswordChanged", Level = LogLevel.Information,
        Message = "User {UserId} changed their password.")]
    public static partial void PasswordChanged(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1008, EventName = "PasswordSet", Level = LogLevel.Information,
        Message = "The password of user {UserId} was set by {SetBy}.")]
    public static partial void PasswordSet(this ILogger logger, int userId, string setBy);

    [LoggerMessage(EventId = 1009, EventName = "RefreshTokenReused", Level = LogLevel.Warning,
        Message = "Refresh token reuse detected for user {UserId}; session {SessionId} revoked.")]
    public static partial void RefreshTokenReused(this ILogger logger, int userId, string sessionId);

    [LoggerMessage(EventId = 1010, EventName = "SessionsEnded", Level = LogLevel.Information,
        Message = "Sessions of user {UserId} ended by {EndedBy}: {Count}.")]
    public static partial void SessionsEnded(this ILogger logger, int userId, string endedBy, int count);

    [LoggerMessage(EventId = 1012, EventName = "PasswordChangeFailed", Level = LogLevel.Warning,
        Message = "User {UserId} gave a wrong current password to change it, from {RemoteIp}.")]
    public static partial void PasswordChangeFailed(this ILogger logger, int userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1013, EventName = "UserCreated", Level = LogLevel.Information,
        Message = "User {UserId} was created by {CreatedBy}.")]
    public static partial void UserCreated(this ILogger logger, int userId, string createdBy);

    [LoggerMessage(EventId = 1030, EventName = "SessionEnded", Level = LogLevel.Information,
        Message = "Session {SessionId} of user {UserId} ended by the user.")]
    public static partial void SessionEnded(this ILogger logger, int userId, string sessionId);
    // Password reset, address verification and change of address: EventIds 1400 and up.
    [LoggerMessage(EventId = 1400, EventName = "PasswordResetRequested", Level = LogLevel.Information,
        Message = "A password reset link for user {UserId} was put in the outbox.")]
    public static partial void PasswordResetRequested(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1401, EventName = "PasswordResetUnknownEmail", Level = LogLevel.Information,
        Message = "A password reset was asked for an address with no active user; nothing was sent.")]
    public static partial void PasswordResetUnknownEmail(this ILogger logger);

    [LoggerMessage(EventId = 1402, EventName = "PasswordReset", Level = LogLevel.Information,
        Message = "User {UserId} reset their password with an emailed link.")]
    public static partial void PasswordReset(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1403, EventName = "PasswordResetJobFailed", Level = LogLevel.Error,
        Message = "A password reset request could not be handled.")]
    public static partial void PasswordResetJobFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1404, EventName = "EmailVerified", Level = LogLevel.Information,
        Message = "User {UserId} confirmed their e-mail address.")]
    public static partial void EmailVerified(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1405, EventName = "LoginRefusedUnverified", Level = LogLevel.Information,
        Message = "Login of user {UserId} refused: the e-mail address is not verified.")]
    public static partial void LoginRefusedUnverified(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1406, EventName = "EmailChangeRequested", Level = LogLevel.Information,
        Message = "User {UserId} asked to change their e-mail address.")]
    public static partial void EmailChangeRequested(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1407, EventName = "EmailChanged", Level = LogLevel.Information,
        Message = "User {UserId} changed their e-mail address.")]
    public static partial void EmailChanged(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1408, EventName = "EmailChangeCancelled", Level = LogLevel.Information,
        Message = "The e-mail change of user {UserId} was cancelled from the old address.")]
    public static partial void EmailChangeCancelled(this ILogger logger, int userId);

    [LoggerMessage(EventId = 1409, EventName = "EmailChangeRefused", Level = LogLevel.Information,
        Message = "The e-mail change of user {UserId} was refused: the address was taken meanwhile.")]
    public static partial void EmailChangeRefused(this ILogger logger, int userId);
}
