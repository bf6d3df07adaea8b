using System.Globalization;

namespace JwtBlog.Web.Features.Shared.Localization;

// A UTC time for a person, in the request's language. Korea time is not assumed for Korean: the zone stays UTC and
// says so, in the order a Korean reader expects ("2026년 11월 28일 15:04 (UTC)").
public static class UtcTimes
{
    public static string Format(DateTime utc, bool withSeconds = false) =>
        SiteLanguages.Current == SiteLanguages.Korean
            ? utc.ToString("yyyy'년' M'월' d'일' HH:mm '(UTC)'", CultureInfo.InvariantCulture)
            : utc.ToString(withSeconds ? "yyyy-MM-dd HH:mm:ss 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
