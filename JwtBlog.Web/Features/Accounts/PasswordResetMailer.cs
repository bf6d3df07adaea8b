namespace JwtBlog.Web.Features.Accounts;

// Does the work of a reset request after its answer was sent: the lookup, and for a known active address the link in
// the outbox. One job at a time, each in its own scope.
public sealed class PasswordResetMailer(PasswordResetQueue queue, IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
}
