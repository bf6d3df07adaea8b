namespace JwtBlog.Web.Features.Email;

// Delivers the outbox in the background: a pass whenever a message is committed (OutboxSignal), and a poll for
// retries that come due and for messages other instances committed.
public sealed class OutboxSender(OutboxDelivery delivery, OutboxSignal signal, TimeProvider time, ILogger<OutboxSender> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await delivery.DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.OutboxPassFailed(e);
            }

            // A full batch: more may be due at once.
            if (claimed < OutboxDelivery.BatchSize)
            {
                await signal.WaitAsync(PollInterval, time, stoppingToken);
            }
        }
    }
}
