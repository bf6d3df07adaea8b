using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JwtBlog.Web.Features.Blog;

// Empties the FeedCache after every committed write to the tables the feed shows (posts, and users for the authors'
// emails), whoever wrote it: the blog API and pages, the admin pages, account changes and deletions. The cache is
// emptied when such a command runs and again once it is committed: when SaveChanges returns outside a transaction
// (an INSERT ... RETURNING commits only when its reader closes), or when the transaction commits. So a read between
// the command and the commit cannot keep the old page, and the writer's next request sees its write.
public sealed class FeedWriteWatcher(FeedCache cache) : DbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    private static readonly object _marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _touched = [];

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Watch(command, eventData.Context);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Watch(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Watch(command, eventData.Context);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Watch(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Watch(command, eventData.Context);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Watch(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Queries start with SELECT; anything else naming the feed's tables (INSERT, UPDATE, DELETE, schema changes) counts.
    internal static bool ChangesFeed(string sql) =>
        !sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
        && (sql.Contains("\"Posts\"", StringComparison.Ordinal) || sql.Contains("\"Users\"", StringComparison.Ordinal));

    private void Watch(DbCommand command, DbContext? context)
    {
        if (!ChangesFeed(command.CommandText))
        {
            return;
        }

        cache.Invalidate();
        if (context is not null)
        {
            _touched.AddOrUpdate(context, _marker);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _touched.TryGetValue(context, out _))
        {
            cache.Invalidate();
            if (context.Database.CurrentTransaction is null)
            {
                _touched.Remove(context);
            }
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _touched.Remove(context))
        {
            cache.Invalidate();
        }
    }
}
