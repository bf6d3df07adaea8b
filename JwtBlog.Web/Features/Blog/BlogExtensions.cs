namespace JwtBlog.Web.Features.Blog;

public static class BlogExtensions
{
    public static WebApplicationBuilder AddBlog(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PostWriteLimitSettings>().BindConfiguration("RateLimiting").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PostWriteLimiter>();
        return builder;
    }
}
