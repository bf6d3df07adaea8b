using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// /account/confirm: a code from the authenticator app (or a recovery code) for a session that was signed in without
// one, e.g. a staff member's session from before they enrolled. The page script posts it to /accounts/reauthenticate/.
[Authorize]
public sealed class ConfirmModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = ReturnUrls.Safe(Url, returnUrl);
}
