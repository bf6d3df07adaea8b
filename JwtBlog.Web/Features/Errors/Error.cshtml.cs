using System.Globalization;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace JwtBlog.Web.Features.Errors;

// The error page, reached only by re-execution: status code pages and the exception handler send every error answer
// without a body here. The original request's method is kept, so the page has no handlers and takes any method.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(
    IOptions<HttpJsonOptions> json, IStringLocalizer<ApiText> messages, IStringLocalizer<SiteText> texts) : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string? RetryAfterSeconds { get; private set; }

    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>();
        if (reExecuted is null && exception is null)
        {
            // Not an address of its own.
            context.Result = NotFound();
            return;
        }

        Code = Response.StatusCode;
        if (ErrorAnswers.InJson(HttpContext, reExecuted?.Endpoint ?? exception?.Endpoint))
        {
            var detail = exception is null
                ? ErrorMessages.ApiDetail(messages, Code, Request.Method, Request.ContentType)
                : ErrorMessages.ExceptionDetail(messages, Code);
            context.Result = new JsonResult(new DetailResponse(detail), json.Value.SerializerOptions);
            return;
        }

        (Title, Text) = ErrorMessages.Page(texts, Code);
        RetryAfterSeconds = int.TryParse(Response.Headers.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : null;
    }
}
