using System.Globalization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin;

public static class AdminFormat
{
    public static string Time(IStringLocalizer<AdminText> texts, DateTime? utc) =>
        utc is { } value ? value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : texts["Format.Never"];

    public static string YesNo(IStringLocalizer<AdminText> texts, bool value) => texts[value ? "Format.Yes" : "Format.No"];
}
