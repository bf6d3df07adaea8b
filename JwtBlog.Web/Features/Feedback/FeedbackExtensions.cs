using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Feedback;

public static class FeedbackExtensions
{
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.ConfigureFilter(new FlashFromQueryFilter()));
        return builder;
    }
}
