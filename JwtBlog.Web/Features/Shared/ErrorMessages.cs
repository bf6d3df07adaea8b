namespace JwtBlog.Web.Features.Shared;

// The words of every error answer: the API's {"detail": ...} texts (kept as the original API had them) and the pages'.
public static class ErrorMessages
{
    public static string ApiDetail(int statusCode, string method, string? contentType) => statusCode switch
    {
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => $"Method \"{method}\" not allowed.",
        // Routing refuses a body that is not JSON for endpoints that declare a JSON request: same text as JsonBody's.
        StatusCodes.Status415UnsupportedMediaType => $"Unsupported media type \"{contentType}\" in request.",
        StatusCodes.Status401Unauthorized => "Authentication credentials were not provided.",
        StatusCodes.Status403Forbidden => "You do not have permission to perform this action.",
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        _ => "Request failed.",
    };

    public const string TooManyRequests = "Too many requests. Try again later.";

    public static string ExceptionDetail(int statusCode) => statusCode switch
    {
        StatusCodes.Status409Conflict => "This item was changed or deleted by another request. Reload it and try again.",
        StatusCodes.Status503ServiceUnavailable => "The server is busy. Try again in a few seconds.",
        < 500 => "Bad request.",
        _ => "A server error occurred.",
    };

    public static (string Title, string Text) Page(int statusCode) => statusCode switch
    {
        StatusCodes.Status403Forbidden => ("Forbidden", "You do not have permission to see this page."),
        StatusCodes.Status404NotFound => ("Not found", "There is nothing at this address."),
        StatusCodes.Status405MethodNotAllowed => ("Method not allowed", "This address does not take that kind of request."),
        StatusCodes.Status409Conflict => ("Conflict", ExceptionDetail(statusCode)),
        StatusCodes.Status429TooManyRequests => ("Too many requests", "You have sent too many requests."),
        StatusCodes.Status503ServiceUnavailable => ("Busy", "The server is busy."),
        >= 500 => ("Something went wrong", ExceptionDetail(statusCode)),
        _ => ("Error", "The request could not be completed."),
    };
}
