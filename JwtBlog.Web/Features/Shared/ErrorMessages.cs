using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared;

// The words of every error answer: the API's {"detail": ...} texts (English as the original API had them, ApiText)
// and the error page's (SiteText).
public static class ErrorMessages
{
    public const string TooManyRequests = "Detail.TooManyRequests";

    public static string ApiDetail(IStringLocalizer<ApiText> messages, int statusCode, string method, string? contentType) => statusCode switch
    {
        StatusCodes.Status404NotFound => messages["Detail.NotFound"],
        StatusCodes.Status405MethodNotAllowed => messages["Detail.MethodNotAllowed", method],
        // Routing refuses a body that is not JSON for endpoints that declare a JSON request: same text as JsonBody's.
        StatusCodes.Status415UnsupportedMediaType => messages["Detail.UnsupportedMediaType", contentType ?? ""],
        StatusCodes.Status401Unauthorized => messages["Detail.NotAuthenticated"],
        StatusCodes.Status403Forbidden => messages["Detail.PermissionDenied"],
        StatusCodes.Status429TooManyRequests => messages[TooManyRequests],
        _ => messages["Detail.RequestFailed"],
    };

    public static string ExceptionDetail(IStringLocalizer<ApiText> messages, int statusCode) => statusCode switch
    {
        StatusCodes.Status409Conflict => messages["Detail.Conflict"],
        StatusCodes.Status503ServiceUnavailable => messages["Detail.Busy"],
        < 500 => messages["Detail.BadRequest"],
        _ => messages["Detail.ServerError"],
    };

    public static (string Title, string Text) Page(IStringLocalizer<SiteText> texts, int statusCode) => statusCode switch
    {
        StatusCodes.Status403Forbidden => (texts["Error.ForbiddenTitle"], texts["Error.ForbiddenText"]),
        StatusCodes.Status404NotFound => (texts["Error.NotFoundTitle"], texts["Error.NotFoundText"]),
        StatusCodes.Status405MethodNotAllowed => (texts["Error.MethodNotAllowedTitle"], texts["Error.MethodNotAllowedText"]),
        StatusCodes.Status409Conflict => (texts["Error.ConflictTitle"], texts["Error.ConflictText"]),
        StatusCodes.Status429TooManyRequests => (texts["Error.TooManyRequestsTitle"], texts["Error.TooManyRequestsText"]),
        StatusCodes.Status503ServiceUnavailable => (texts["Error.BusyTitle"], texts["Error.BusyText"]),
        >= 500 => (texts["Error.ServerErrorTitle"], texts["Error.ServerErrorText"]),
        _ => (texts["Error.OtherTitle"], texts["Error.OtherText"]),
    };
}
