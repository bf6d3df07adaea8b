using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace JwtBlog.Web.Features.Shared;

// Razor Pages renders a page without running any handler when none takes the request's method, so a POST to a page
// with only OnGet ran the view on an empty model (500). Any such request now gets 405 with Allow, before antiforgery.
// GET and HEAD still render without a handler (the logout page has none), and re-executed error pages take any method.
// OPTIONS asks which methods a page takes: it gets them in Allow with 204 (Razor Pages' own answer is an empty 200).
public sealed class UnsupportedPageMethodFilter : IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || context.ActionDescriptor is not CompiledPageActionDescriptor page
            || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return;
        }

        var selector = http.RequestServices.GetRequiredService<IPageHandlerMethodSelector>();
        if (selector.Select(new PageContext(context) { ActionDescriptor = page }) is not null)
        {
            return;
        }

        var others = page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Where(m => m is not ("GET" or "HEAD"));
        http.Response.Headers.Allow = string.Join(", ", ["GET", "HEAD", .. others.Distinct()]);
        context.Result = HttpMethods.IsOptions(http.Request.Method)
            ? new NoContentResult()
            : new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }
}
