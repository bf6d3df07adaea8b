using System.Globalization;

namespace JwtBlog.Web.Features.Shared;

// A person's words for a User-Agent: "Chrome on Linux", "Safari on iPhone". Only the common browsers and systems
// are named; anything else is "Unknown browser". Order matters: Edge and Opera also claim Chrome, Chrome claims Safari,
// and Android claims Linux.
public static class BrowserSummary
{
    public const string Unknown = "Unknown browser";

    private static readonly (string Token, string Name)[] _browsers =
    [
        ("Edg/", "Edge"), ("EdgiOS/", "Edge"), ("EdgA/", "Edge"),
        ("OPR/", "Opera"), ("Opera", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("Chrome/", "Chrome"), ("CriOS/", "Chrome"), ("Chromium/", "Chrome"),
        ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] _systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"),
        ("Windows", "Windows"), ("CrOS", "ChromeOS"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent) => Describe(userAgent, Unknown, "{0} on {1}");

    // In a reader's language: unknown is the words for an unknown browser, browserOnSystem joins the two names
    // ("{0} on {1}" in English: {0} the browser, {1} the system).
    public static string Describe(string? userAgent, string unknown, string browserOnSystem)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return unknown;
        }

        var browser = Find(_browsers, userAgent);
        if (browser is null)
        {
            return unknown;
        }

        return Find(_systems, userAgent) is { } system
            ? string.Format(CultureInfo.InvariantCulture, browserOnSystem, browser, system)
            : browser;
    }

    private static string? Find((string Token, string Name)[] candidates, string userAgent)
    {
        foreach (var (token, name) in candidates)
        {
            if (userAgent.Contains(token, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
