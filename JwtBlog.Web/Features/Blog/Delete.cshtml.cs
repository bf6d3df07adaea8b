using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Feedback;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Blog;

// GET asks, POST (with the form's antiforgery token) deletes. Only the author and staff get here.
[Authorize]
public sealed class DeleteModel(AppDbContext db, CurrentUser current) : PageModel
{
    public int Id { get; private set; }

    public string Title { get; private set; } = "";

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

        (Id, Title) = (id, post.Title);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var post = await db.Posts.FindAsync([id], ct);
        if (post is null)
        {
            return NotFound();
        }

        if (!PostAccess.CanChange(await current.GetAsync(), post.AuthorId, current.SignedInWithSecondFactor))
        {
            return Forbid();
        }

        // As in the API: a concurrent delete of the same post leaves nothing to delete, which is fine.
        await db.Posts.Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        Flash.Set(TempData, Flash.Deleted);
        return LocalRedirect("/");
    }
}
