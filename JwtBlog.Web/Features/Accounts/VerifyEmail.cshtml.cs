using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// The verification link lands here: a confirm button, so that a mail scanner opening the link confirms nothing.
public sealed class VerifyEmailModel : PageModel
{
    public string Key { get; private set; } = "";

    public void OnGet(string key) => Key = key;
}
