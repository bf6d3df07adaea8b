using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Feedback;

// A one-shot message for the next page, kept in TempData (a protected cookie) as a code, never as text: the layout
// turns the code into a SiteText message in the language of the page that shows it.
public static class Flash
{
    public const string QueryName = "done";

    public const string Registered = "registered";
    public const string SignedIn = "signed-in";
    public const string Published = "published";
    public const string Edited = "edited";
    public const string Deleted = "deleted";
    public const string ProfileSaved = "profile-saved";
    public const string PasswordChanged = "password-changed";
    public const string SignedOut = "signed-out";

    private const string TempDataKey = "Flash";

    private static readonly FrozenDictionary<string, string> _textKeys = new Dictionary<string, string>
    {
        [Registered] = "Flash.Registered",
        [SignedIn] = "Flash.SignedIn",
        [Published] = "Flash.Published",
        [Edited] = "Flash.Edited",
        [Deleted] = "Flash.Deleted",
        [ProfileSaved] = "Flash.ProfileSaved",
        [PasswordChanged] = "Flash.PasswordChanged",
        [SignedOut] = "Flash.SignedOut",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && _textKeys.ContainsKey(code);

    public static void Set(ITempDataDictionary tempData, string code)
    {
        if (IsKnown(code))
        {
            tempData[TempDataKey] = code;
        }
    }

    // The SiteText key of the waiting message, or null; reading it spends it. A request without the TempData cookie has
    // nothing waiting (a flash is always set before a redirect), and leaving TempData untouched then keeps the page from
    // answering every visitor with a cookie deletion.
    public static string? Take(HttpContext http, ITempDataDictionary tempData) =>
        http.Request.Cookies.ContainsKey(http.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!)
            && tempData[TempDataKey] is string code && _textKeys.TryGetValue(code, out var key)
            ? key
            : null;
}
