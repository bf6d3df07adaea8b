using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

public sealed class LoginModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public bool PasswordWasReset { get; private set; }

    public void OnGet(string? returnUrl, string? reset)
    {
        ReturnUrl = ReturnUrls.Safe(Url, returnUrl);
        PasswordWasReset = reset == "1";
    }
}
