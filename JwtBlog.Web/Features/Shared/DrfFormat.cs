using System.Globalization;

namespace JwtBlog.Web.Features.Shared;

// Django REST framework's text forms of dates and times, used by every API answer and form field that shows one.
public static class DrfFormat
{
    public const string DatePattern = "yyyy-MM-dd";

    // DateTimeField: ISO 8601 in UTC with microseconds.
    public static string DateTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString(DatePattern, CultureInfo.InvariantCulture);

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DatePattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
