using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JwtBlog.Web.Features.Admin;

// Every admin log entry also becomes a security event, as it is written: no page has to remember to log it.
public sealed class AdminChangeLogging(ILogger<AdminChangeLogging> logger) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        LogAdded(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        LogAdded(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void LogAdded(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AdminLogEntry>().Where(e => e.State == EntityState.Added))
        {
            var change = entry.Entity;
            logger.AdminChange(change.ActorId, change.Action, change.ObjectType, change.ObjectId);
        }
    }
}
