namespace JwtBlog.Web.Features.Accounts.Authentication;

// Writes the sessions' noted last uses every FlushInterval, and once more when the app stops.
public sealed class SessionActivityFlusher(SessionActivity activity, TimeProvider time, ILogger<SessionActivityFlusher> logger)
    : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            await activity.FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            JwtCookieLog.SessionActivityFlushFailed(logger, e);
        }
    }
}
