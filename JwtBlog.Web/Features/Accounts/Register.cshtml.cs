using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

public sealed class RegisterModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public ProfileFields Profile { get; } = new("", "", "", "", null);

    public void OnGet(string? returnUrl) => ReturnUrl = ReturnUrls.Safe(Url, returnUrl);
}
