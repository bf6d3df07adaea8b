namespace JwtBlog.Web.Features.Shared;

// "Chrome on Linux" from a User-Agent header, for security notices and session lists: enough for a person to recognise
// their own device, no more. Order matters: Edge and Opera also say "Chrome", and Chrome also says "Safari".
public static class BrowserSummary
{
    public const string Unknown = "Unknown browser";

    private static readonly (string Token, string Name)[] _browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] _systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
        ("Windows", "Windows"), ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var browser = Find(_browsers, userAgent);
        if (browser is null)
        {
            return Unknown;
        }

        return Find(_systems, userAgent) is { } system ? $"{browser} on {system}" : browser;
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
