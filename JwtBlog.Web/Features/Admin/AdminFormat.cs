using System.Globalization;

namespace JwtBlog.Web.Features.Admin;

public static class AdminFormat
{
    public static string Time(DateTime? utc) =>
        utc is { } value ? value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    public static string YesNo(bool value) => value ? "yes" : "no";
}
