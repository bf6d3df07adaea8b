using System.Globalization;
using System.Text.Encodings.Web;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared.Time;

// Every time a reader sees, in their time zone: the browser's zone from the tz cookie (set by time-zone.js), before
// that UTC for English and Asia/Seoul for Korean. Recent times read "3 minutes ago" / "3분 전", older ones the date.
public sealed class ReaderTime(IHttpContextAccessor http, TimeProvider time, IStringLocalizer<SiteText> text)
{
    public const string CookieName = "tz";
    public const string SeoulZoneId = "Asia/Seoul";
    public static readonly TimeSpan RelativeUpTo = TimeSpan.FromDays(7);

    private const int MaxZoneIdLength = 64;

    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= FromCookie(http.HttpContext?.Request.Cookies[CookieName]) ?? DefaultZone(SiteLanguages.Current);

    public static TimeZoneInfo DefaultZone(string language) =>
        language == SiteLanguages.Korean && TimeZoneInfo.TryFindSystemTimeZoneById(SeoulZoneId, out var seoul) ? seoul : TimeZoneInfo.Utc;

    // Only names IANA ids are made of; the system's own lookup decides whether the zone exists. Anything else is ignored.
    public static TimeZoneInfo? FromCookie(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxZoneIdLength
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
            || value.Contains("//", StringComparison.Ordinal) || value.StartsWith('/'))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone) ? zone : null;
    }

    // The reader's zone and the current minute: a rendered list that shows relative times is valid for this key only.
    public string CacheKey => string.Create(
        CultureInfo.InvariantCulture, $"{Zone.Id}/{time.GetUtcNow().ToUnixTimeSeconds() / 60}");

    public DateTime InReaderZone(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public string Absolute(DateTime utc) =>
        InReaderZone(utc).ToString(text["Time.DateTimeFormat"].Value, CultureInfo.CurrentCulture);

    public string Display(DateTime utc)
    {
        var age = time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return age < TimeSpan.FromMinutes(1) ? text["Time.JustNow"]
            : age < TimeSpan.FromHours(1) ? Count((int)age.TotalMinutes, "Time.MinuteAgo", "Time.MinutesAgo")
            : age < TimeSpan.FromDays(1) ? Count((int)age.TotalHours, "Time.HourAgo", "Time.HoursAgo")
            : age < RelativeUpTo ? Count((int)age.TotalDays, "Time.DayAgo", "Time.DaysAgo")
            : Absolute(utc);
    }

    // <time datetime="UTC ISO 8601" title="the full time and zone">relative or absolute</time>
    public IHtmlContent Render(DateTime utc, string cssClass)
    {
        var encoder = HtmlEncoder.Default;
        var iso = DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var title = $"{Absolute(utc)} ({Zone.Id})";
        return new HtmlString(
            $"<time class=\"{encoder.Encode(cssClass)}\" datetime=\"{iso}\" title=\"{encoder.Encode(title)}\">{encoder.Encode(Display(utc))}</time>");
    }

    private string Count(int count, string one, string many) =>
        count == 1 ? text[one] : text[many, count.ToString(CultureInfo.CurrentCulture)];
}
