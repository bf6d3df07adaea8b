using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Blog;

// The writer form filled with the post; post-form.js PATCHes /blog/{id}/. Only the author and staff get here.
[Authorize]
public sealed class EditModel(AppDbContext db, CurrentUser current) : PageModel
{
    public int Id { get; private set; }

    public PostForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.FindViewAsync(id, ct) is not { } post)
        {
            return NotFound();
        }

        if (!post.CanBeChangedBy(current, await current.GetAsync()))
        {
            return Forbid();
        }

        Id = id;
        Form = new PostForm($"/blog/{id}/", "PATCH", post.Title, post.Content, "Edit.Save", CancelUrl: $"/posts/{id}");
        return Page();
    }
}
