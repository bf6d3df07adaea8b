using JwtBlog.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Admin;

// Site administration: the sections and the latest admin actions of all staff, newest first.
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<AdminLogEntry> RecentActions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        RecentActions = await db.AdminLog.AsNoTracking().OrderByDescending(e => e.Id).Take(AdminLog.RecentCount).ToListAsync(ct);

    // A link to the object while it may still exist.
    public static string? ObjectLink(AdminLogEntry entry) => entry.Action == AdminActions.Delete ? null : entry.ObjectType switch
    {
        AdminObjectTypes.User => $"/admin/users/{entry.ObjectId}",
        AdminObjectTypes.Post => $"/admin/posts/{entry.ObjectId}",
        _ => null,
    };
}
