using JwtBlog.Web.Features.Blog.Markdown;
using Microsoft.AspNetCore.Mvc.TagHelpers;

namespace JwtBlog.Web.Features.Blog;

public static class BlogExtensions
{
    public static WebApplicationBuilder AddBlog(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PostWriteLimitSettings>().BindConfiguration("RateLimiting").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PostWriteLimiter>();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<PostHtmlCache>();
        builder.Services.AddScoped<PostSearch>();

        // The home page's cached lists (one per feed version and limit, about 20 KB each) stay small.
        builder.Services.Configure<CacheTagHelperOptions>(options => options.SizeLimit = 4 * 1024 * 1024);

        // The visitor's home page, whole (VisitorPageCache); about 20 KB a page, old entries pushed out beyond this.
        builder.Services.AddOutputCache(options =>
        {
            options.SizeLimit = 16 * 1024 * 1024;
            options.AddPolicy(VisitorPageCache.PolicyName, new VisitorPageCache());
        });
        return builder;
    }
}
