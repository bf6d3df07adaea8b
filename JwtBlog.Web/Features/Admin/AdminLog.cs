using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;

namespace JwtBlog.Web.Features.Admin;

public static class AdminLog
{
    public const int RecentCount = 30;

    // Adds the entry to the context; the caller's SaveChanges writes it together with the change it describes.
    public static void LogAction(
        this AppDbContext db, AppUser actor, DateTime at, string objectType, int objectId, string objectLabel, string action, string summary) =>
        db.AdminLog.Add(new AdminLogEntry
        {
            At = at,
            ActorId = actor.Id,
            ActorEmail = actor.Email!,
            ObjectType = objectType,
            ObjectId = objectId.ToString(CultureInfo.InvariantCulture),
            ObjectLabel = Truncate(objectLabel, 200),
            Action = action,
            Summary = Truncate(summary, 1000),
        });

    // Django's change message: the names of the changed fields, never their values.
    public static string Changed(IReadOnlyList<string> fields) => fields.Count switch
    {
        0 => "No fields changed.",
        1 => $"Changed {fields[0]}.",
        _ => $"Changed {string.Join(", ", fields.Take(fields.Count - 1))} and {fields[^1]}.",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
