using System.Text.Json;
using System.Text.Json.Nodes;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared;

// A JSON request body read by hand, so that every bad input gets the original's 400 shapes instead of a binder's.
public sealed class JsonBody
{
    public const long MaxBytes = 1024 * 1024;

    private readonly JsonObject _fields;

    private JsonBody(JsonObject fields, IStringLocalizer<ApiText> messages)
    {
        _fields = fields;
        Messages = messages;
    }

    public FieldErrors Errors { get; } = new();

    // The API's messages in the request's language, for the rules that add their own errors.
    public IStringLocalizer<ApiText> Messages { get; }

    // Returns the body, or the 4xx result to send instead. An empty body is an empty object.
    public static async Task<(JsonBody? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var messages = request.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ApiText>>();
        // A declared non-JSON type is refused even with an empty body: a cross-site form always declares one, and
        // would otherwise reach logout/ and token/refresh/ without a CORS preflight. No type and no body stays fine.
        if (request.ContentType is not null && !request.HasJsonContentType())
        {
            return (null, ApiResults.Detail(
                messages["Detail.UnsupportedMediaType", request.ContentType], StatusCodes.Status415UnsupportedMediaType));
        }

        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            return (new JsonBody([], messages), null);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        try
        {
            var options = new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false };
            var node = await JsonNode.ParseAsync(request.Body, documentOptions: options, cancellationToken: ct);
            if (node is not JsonObject fields)
            {
                return (null, ApiResults.Detail(messages["Detail.JsonNotAnObject"], StatusCodes.Status400BadRequest));
            }

            ReadEveryString(fields);
            return (new JsonBody(fields, messages), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return (null, ApiResults.Detail(messages["Detail.JsonParseError", e.Message], StatusCodes.Status400BadRequest));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiResults.Detail(messages["Detail.BodyTooLarge"], StatusCodes.Status413PayloadTooLarge));
        }
    }

    public bool Has(string name) => _fields.ContainsKey(name);

    // The parser accepts escapes such as a lone "\ud800" and only fails when the text is read; reading every name and
    // string here turns that (and a duplicate key) into a 400 instead of a 500 in the middle of a handler.
    private static void ReadEveryString(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (name, value) in fields)
                {
                    _ = name.Length;
                    ReadEveryString(value);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    ReadEveryString(item);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }

    // DRF's CharField: required, not blank, a string (numbers are taken as text unless allowNumbers is false),
    // at most maxLength characters.
    public string? Text(
        string name, bool required = true, bool allowBlank = false, int? maxLength = null, bool trim = false, bool allowNumbers = true)
    {
        if (!_fields.TryGetPropertyValue(name, out var node))
        {
            if (required)
            {
                Errors.Add(name, Messages[FieldMessages.Required]);
            }

            return null;
        }

        if (node is null)
        {
            Errors.Add(name, Messages[FieldMessages.Null]);
            return null;
        }

        if (node is not JsonValue value
            || !(value.GetValueKind() == JsonValueKind.String || (allowNumbers && value.GetValueKind() == JsonValueKind.Number)))
        {
            Errors.Add(name, Messages[FieldMessages.NotAString]);
            return null;
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (trim)
        {
            text = text.Trim();
        }

        if (text.Length == 0 && !allowBlank)
        {
            Errors.Add(name, Messages[FieldMessages.Blank]);
            return null;
        }

        if (FieldMessages.HasNullCharacter(text))
        {
            Errors.Add(name, Messages[FieldMessages.NullCharacters]);
            return null;
        }

        if (maxLength is { } max && FieldMessages.Length(text) > max)
        {
            Errors.Add(name, FieldMessages.TooLong(Messages, max));
            return null;
        }

        return text;
    }

    // An optional YYYY-MM-DD date; null or "" clears it. Present is false when the field was not sent.
    public (bool Present, DateOnly? Value) Date(string name)
    {
        if (!_fields.TryGetPropertyValue(name, out var node))
        {
            return (false, null);
        }

        if (node is null || (node is JsonValue empty && empty.GetValueKind() == JsonValueKind.String && empty.GetValue<string>().Length == 0))
        {
            return (true, null);
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && DrfFormat.TryParseDate(value.GetValue<string>(), out var date))
        {
            return (true, date);
        }

        Errors.Add(name, Messages[FieldMessages.DateFormat]);
        return (true, null);
    }

    // DRF's BooleanField, not required: true or false, or the texts and numbers DRF takes for them ("on" from a
    // ticked checkbox); absent is false.
    public bool Boolean(string name)
    {
        if (!_fields.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            Errors.Add(name, Messages[FieldMessages.Null]);
            return false;
        }

        var text = node is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        } : null;
        switch (text)
        {
            case "true" or "True" or "TRUE" or "t" or "T" or "yes" or "Yes" or "YES" or "y" or "Y" or "on" or "On" or "ON" or "1":
                return true;
            case "false" or "False" or "FALSE" or "f" or "F" or "no" or "No" or "NO" or "n" or "N" or "off" or "Off" or "OFF" or "0":
                return false;
            default:
                Errors.Add(name, Messages[FieldMessages.NotABoolean]);
                return false;
        }
    }

    // DRF's JSONField holding an object (a WebAuthn credential): required, not null, an object; returned as JSON text.
    public string? JsonObjectText(string name)
    {
        if (!_fields.TryGetPropertyValue(name, out var node))
        {
            Errors.Add(name, Messages[FieldMessages.Required]);
            return null;
        }

        if (node is null)
        {
            Errors.Add(name, Messages[FieldMessages.Null]);
            return null;
        }

        if (node is not JsonObject value)
        {
            Errors.Add(name, FieldMessages.NotAnObject(Messages, node.GetValueKind()));
            return null;
        }

        return value.ToJsonString();
    }
}
