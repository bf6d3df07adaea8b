using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Diagnostics;

namespace JwtBlog.Web.Features.Errors;

// Answers an exception of an API request in JSON on the spot; a page's goes on to the error page (returns false).
public sealed class JsonExceptionHandler : IExceptionHandler
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

        await httpContext.Response.WriteAsJsonAsync(new DetailResponse(ErrorMessages.ExceptionDetail(status)), cancellationToken);
        return true;
    }
}
