namespace JwtBlog.Web.Features.Admin;

// Admin events: EventIds 3000 and up. The object's label and the change summary stay in the admin log table.
public static partial class AdminEventLog
{
    [LoggerMessage(EventId = 3000, EventName = "AdminChange", Level = LogLevel.Information,
        Message = "Admin {ActorId}: {Action} {ObjectType} {ObjectId}.")]
    public static partial void AdminChange(this ILogger logger, int? actorId, string action, string objectType, string objectId);
}
