namespace JwtBlog.Web.Features.Admin;

// Django's admin LogEntry: who changed which object, how, when, and which fields (never their secret values).
public sealed class AdminLogEntry
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public int? ActorId { get; init; }
    public required string ActorEmail { get; init; }
    public required string ObjectType { get; init; }
    public required string ObjectId { get; init; }
    public required string ObjectLabel { get; init; }
    public required string Action { get; init; }
    public required string Summary { get; init; }
}
