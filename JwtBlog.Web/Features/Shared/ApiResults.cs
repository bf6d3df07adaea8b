using Microsoft.AspNetCore.Http.HttpResults;

namespace JwtBlog.Web.Features.Shared;

public static class ApiResults
{
    public static JsonHttpResult<DetailResponse> Detail(string detail, int statusCode) =>
        TypedResults.Json(new DetailResponse(detail), statusCode: statusCode);

    public static BadRequest<FieldErrors> NonField(string message)
    {
        var errors = new FieldErrors();
        errors.Add(FieldErrors.NonField, message);
        return errors.ToResult();
    }
}
