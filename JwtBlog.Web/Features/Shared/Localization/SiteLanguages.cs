using System.Globalization;

namespace JwtBlog.Web.Features.Shared.Localization;

// The languages the site speaks. English is the default and the API's contract language.
public static class SiteLanguages
{
    public const string English = "en";
    public const string Korean = "ko";

    // The footer's switch remembers a reader's choice in this cookie; it is read by pages, never by the API.
    public const string CookieName = "lang";

    public static readonly IReadOnlyList<string> All = [English, Korean];

    public static bool IsSupported(string? language) => language is English or Korean;

    // The language of the current request, as set by the localization middleware: "en" or "ko".
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Korean ? Korean : English;
}
