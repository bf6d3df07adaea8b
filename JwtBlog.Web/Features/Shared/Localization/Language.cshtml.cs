using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Shared.Localization;

// The footer's language switch: remembers the choice for a year and goes back to the page it came from.
// No antiforgery token: the only state it changes is a display preference, and the switch must work from any page,
// including one whose token has expired.
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class LanguageModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost([FromForm] string? lang, [FromForm] string? returnUrl)
    {
        if (!SiteLanguages.IsSupported(lang))
        {
            return BadRequest();
        }

        Response.Cookies.Append(SiteLanguages.CookieName, lang!, new CookieOptions
        {
            Expires = clock.GetUtcNow().AddYears(1),
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
