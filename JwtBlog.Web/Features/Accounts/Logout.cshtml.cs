using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// The layout's Log out button: a POST with the form's antiforgery token; GET only shows the button.
public sealed class LogoutModel(TokenService tokens, AuthCookies cookies) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await AccountsEndpoints.SignOutAsync(HttpContext, tokens, cookies, bodyRefreshToken: null);
        return LocalRedirect("/");
    }
}
