using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// /account/confirm: a code from the authenticator app (or a recovery code), or a passkey, for a session that was signed
// in without a second factor, e.g. a staff member's session from before they enrolled. The page script posts the code
// to /accounts/reauthenticate/, or runs the passkey ceremony against /accounts/reauthenticate/passkey/.
[Authorize]
public sealed class ConfirmModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = ReturnUrls.Safe(Url, returnUrl);
}
