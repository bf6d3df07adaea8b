using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace JwtBlog.Web.Features.Errors;

public static class ErrorAnswers
{
    // API endpoints answer errors in JSON and pages in HTML. A request that matched neither (an unknown path, or the
    // routing's own 405) has no metadata to go by: it gets JSON unless it asked for HTML, as a browser does.
    public static bool InJson(HttpContext http, Endpoint? endpoint)
    {
        if (endpoint?.Metadata.GetMetadata<ApiEndpointMetadata>() is not null)
        {
            return true;
        }

        if (endpoint?.Metadata.GetMetadata<ActionDescriptor>() is not null)
        {
            return false;
        }

        return !http.Request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }
}
