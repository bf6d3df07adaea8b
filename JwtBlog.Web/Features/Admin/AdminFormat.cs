using JwtBlog.Web.Features.Shared.Time;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin;

public static class AdminFormat
{
    // A time in the reader's zone, as on the reader pages (<time datetime> with the full time and zone in its title).
    public static IHtmlContent Time(ReaderTime times, IStringLocalizer<AdminText> texts, DateTime? utc) =>
        utc is { } value ? times.Render(value, "admin-time") : new HtmlString(System.Net.WebUtility.HtmlEncode(texts["Format.Never"]));

    public static string YesNo(IStringLocalizer<AdminText> texts, bool value) => texts[value ? "Format.Yes" : "Format.No"];
}
