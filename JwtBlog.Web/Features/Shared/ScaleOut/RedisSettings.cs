namespace JwtBlog.Web.Features.Shared.ScaleOut;

public sealed class RedisSettings
{
    public const string SectionName = "Redis";

    // A StackExchange.Redis configuration string ("127.0.0.1:6379,password=..."); empty: no Redis.
    public string Configuration { get; set; } = "";
}
