using System.Text.Json;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared;

// DRF's field error messages as keys of ApiText, shared by the API's error engine and the forms that follow the same
// rules; messages[FieldMessages.Required] says one in the request's language.
public static class FieldMessages
{
    public const string Required = "Field.Required";
    public const string Null = "Field.Null";
    public const string Blank = "Field.Blank";
    public const string NotAString = "Field.NotAString";
    public const string NotABoolean = "Field.NotABoolean";
    public const string DateFormat = "Field.DateFormat";

    // DRF's ProhibitNullCharactersValidator: PostgreSQL cannot store U+0000 in text, so neither provider takes it.
    public const string NullCharacters = "Field.NullCharacters";

    public static bool HasNullCharacter(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    // Django's form text: {1} is the maximum length ({0} would be the field's name, which DRF leaves out).
    private const string TooLongKey = "Field.TooLong";

    public static string TooLong(IStringLocalizer<ApiText> messages, int maxLength) => messages[TooLongKey, "", maxLength];

    public static string NotAnObject(IStringLocalizer<ApiText> messages, JsonValueKind kind) => messages["Field.NotAnObject", kind switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.Array => "list",
        _ => "bool",
    }];

    // Lengths count characters (code points) as Django does, not UTF-16 units.
    public static int Length(string value) => value.EnumerateRunes().Count();
}
