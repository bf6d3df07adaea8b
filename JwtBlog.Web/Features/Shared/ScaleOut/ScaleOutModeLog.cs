using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

// Says at start which mode this instance runs in, so an operator sees a missing Redis before a user does.
public sealed class ScaleOutModeLog(DatabaseKind database, InstanceBroadcast broadcast, IOptions<JwtOptions> jwt, ILogger<ScaleOutModeLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = database.Provider.ToString();
        if (broadcast.IsShared)
        {
            ScaleOutLog.Shared(logger, provider);
        }
        else if (database.IsSqlite)
        {
            ScaleOutLog.SingleInstance(logger);
        }
        else
        {
            ScaleOutLog.WithoutRedis(logger, provider, jwt.Value.SessionCheckCacheDuration);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
