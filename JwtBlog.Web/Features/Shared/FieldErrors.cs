using Microsoft.AspNetCore.Http.HttpResults;

namespace JwtBlog.Web.Features.Shared;

// Django REST framework's validation error body: {"field": ["message", ...], "non_field_errors": [...]}.
public sealed class FieldErrors : Dictionary<string, List<string>>
{
    public const string NonField = "non_field_errors";

    public bool Any => Count > 0;

    public void Add(string field, string message)
    {
        if (!TryGetValue(field, out var messages))
        {
            this[field] = messages = [];
        }

        messages.Add(message);
    }

    public void Add(string field, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(field, message);
        }
    }

    public bool Has(string field) => ContainsKey(field);

    public BadRequest<FieldErrors> ToResult() => TypedResults.BadRequest(this);
}
