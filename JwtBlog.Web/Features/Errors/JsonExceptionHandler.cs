using System.Globalization;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Errors;

// Answers an exception of an API request in JSON on the spot; a page's goes on to the error page (returns false).
public sealed class JsonExceptionHandler(IStringLocalizer<ApiText> messages) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = httpContext.Response.StatusCode;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            RetryAfter.Set(httpContext.Response, TimeSpan.FromSeconds(5));
        }

        if (!ErrorAnswers.InJson(httpContext, httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint))
        {
            return false;
        }

        // The exception has left the localization middleware, which set the request's language; its feature keeps it.
        if (httpContext.Features.Get<IRequestCultureFeature>() is { } language)
        {
            CultureInfo.CurrentUICulture = language.RequestCulture.UICulture;
        }

        await httpContext.Response.WriteAsJsonAsync(new DetailResponse(ErrorMessages.ExceptionDetail(messages, status)), cancellationToken);
        return true;
    }
}
