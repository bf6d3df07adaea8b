using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

public sealed class ForgotPasswordModel : PageModel
{
    public void OnGet()
    {
    }
}
