using JwtBlog.Web.Features.Health;
using StackExchange.Redis;

namespace JwtBlog.Web.Features.Shared.ScaleOut;

public static class ScaleOutExtensions
{
    // Redis when Redis:Configuration is set: one connection per process, which reconnects by itself; the app starts
    // even while Redis is down (/health/ready says so).
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RedisSettings.SectionName).Get<RedisSettings>() ?? new();
        if (settings.Configuration.Length > 0)
        {
            var options = ConfigurationOptions.Parse(settings.Configuration);
            options.AbortOnConnectFail = false;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddSingleton(services => new InstanceBroadcast(services.GetRequiredService<IConnectionMultiplexer>(), services.GetRequiredService<ILogger<InstanceBroadcast>>()));
            builder.Services.AddHostedService<InstanceBroadcastListener>();
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        }
        else
        {
            builder.Services.AddSingleton(services => new InstanceBroadcast(null, services.GetRequiredService<ILogger<InstanceBroadcast>>()));
        }

        builder.Services.AddHostedService<ScaleOutModeLog>();
        return builder;
    }
}
