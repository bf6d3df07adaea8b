using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace JwtBlog.Web.Features.Feedback;

// Page scripts finish an API call by opening the next page with ?done=<code> (a code, never text, so a link cannot
// put words on the site). The code becomes the flash and the browser is sent to the same address without it, so a
// reload or a shared link does not repeat the message.
public sealed class FlashFromQueryFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || !http.Request.Query.TryGetValue(Flash.QueryName, out var codes))
        {
            await next();
            return;
        }

        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        Flash.Set(tempData, codes.ToString());
        var rest = QueryString.Create(http.Request.Query.Where(pair => pair.Key != Flash.QueryName));
        var target = $"{http.Request.PathBase}{http.Request.Path}{rest}";
        // A path such as "//host" would leave the site; the home page is the only safe answer then.
        context.Result = new LocalRedirectResult(target.StartsWith("//", StringComparison.Ordinal) || target.StartsWith("/\\", StringComparison.Ordinal) ? "/" : target);
    }
}
