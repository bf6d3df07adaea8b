using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Blog;

// The original's writer.html: signed-out visitors are sent to the login page and come back here.
[Authorize]
public sealed class WriteModel : PageModel
{
    public static readonly PostForm Form = new("/blog/", "POST", "", "", "Write.Publish", CancelUrl: null);

    public void OnGet()
    {
    }
}
