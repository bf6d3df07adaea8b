using System.Globalization;
using System.Text;

namespace JwtBlog.Web.Features.Shared;

// DRF's field error messages, shared by the API's error engine and the forms that follow the same rules.
public static class FieldMessages
{
    public const string Required = "This field is required.";
    public const string Null = "This field may not be null.";
    public const string Blank = "This field may not be blank.";
    public const string NotAString = "Not a valid string.";
    public const string NotABoolean = "Must be a valid boolean.";
    public const string DateFormat = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";

    // The form [StringLength(ErrorMessage = ...)] takes: {0} is the field's name, {1} the maximum length.
    public const string TooLongFormat = "Ensure this field has no more than {1} characters.";

    private static readonly CompositeFormat _tooLong = CompositeFormat.Parse(TooLongFormat);

    public static string TooLong(int maxLength) =>
        string.Format(CultureInfo.InvariantCulture, _tooLong, "", maxLength);

    public static string NotAnObject(System.Text.Json.JsonValueKind kind) =>
        $"Expected a dictionary of items but got type \"{kind switch
        {
            System.Text.Json.JsonValueKind.String => "str",
            System.Text.Json.JsonValueKind.Number => "int",
            System.Text.Json.JsonValueKind.Array => "list",
            _ => "bool",
        }}\".";

    // Lengths count characters (code points) as Django does, not UTF-16 units.
    public static int Length(string value) => value.EnumerateRunes().Count();
}
