using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// The emailed link lands here. Opening it only shows the form (mail scanners that follow links consume nothing);
// the form's POST to /accounts/password/reset/confirm/ is what uses the token.
public sealed class ResetPasswordModel : PageModel
{
    public string Uid { get; private set; } = "";

    public string Token { get; private set; } = "";

    public void OnGet(string uid, string token) => (Uid, Token) = (uid, token);
}
