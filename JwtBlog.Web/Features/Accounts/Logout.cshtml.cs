using JwtBlog.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// The layout's Log out button: a POST with the form's antiforgery token; GET only shows the button.
public sealed class LogoutModel(SignInService signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(HttpContext, bodyRefreshToken: null);
        Flash.Set(TempData, Flash.SignedOut);
        return LocalRedirect("/");
    }
}
