using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

public sealed class LoginModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = ReturnUrls.Safe(returnUrl);
}

// Where to go after signing in: a local path only, anything else is the home page (no open redirects).
public static class ReturnUrls
{
    public static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Contains('\\') && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/";
}
