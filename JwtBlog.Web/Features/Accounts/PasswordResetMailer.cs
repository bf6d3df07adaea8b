using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Accounts;

// Does the work of a reset request after its answer was sent: the lookup, and for a known active address the link in
// the outbox. One job at a time, each in its own scope. Requests stored by a process that stopped before doing them
// are picked up at start.
public sealed class PasswordResetMailer(
    PasswordResetQueue queue, IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> databases, ILogger<PasswordResetMailer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await EnqueueLeftoversAsync(stoppingToken);
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PasswordResets>().SendLinkAsync(job, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.PasswordResetJobFailed(e);
            }
            finally
            {
                queue.Completed();
            }
        }
    }

    private async Task EnqueueLeftoversAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(ct);
            var leftovers = await db.PendingPasswordResets.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
            foreach (var request in leftovers)
            {
                queue.Enqueue(new PasswordResetJob(request.Id, request.Email, request.LinkBase, request.Language));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.PasswordResetJobFailed(e);
        }
        finally
        {
            queue.Completed();
        }
    }
}
