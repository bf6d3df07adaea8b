using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// The cancel link of the notice sent to the old address lands here: a button, so opening the link cancels nothing.
public sealed class CancelEmailChangeModel : PageModel
{
    public string Key { get; private set; } = "";

    public void OnGet(string key) => Key = key;
}
