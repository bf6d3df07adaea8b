using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin.Posts;

public sealed class DeleteModel(AppDbContext db, CurrentUser current, TimeProvider time, IStringLocalizer<AdminText> texts) : PageModel
{
    public Post Post { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        db.Posts.Remove(Post);
        db.LogAction((await current.GetAsync())!, time.GetUtcNow().UtcDateTime, AdminObjectTypes.Post, Post.Id, Post.Title, AdminActions.Delete, "Deleted.");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = texts["PostDelete.Deleted", Post.Title].Value;
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Posts.Include(p => p.Author).SingleOrDefaultAsync(p => p.Id == id, ct) is not { } post)
        {
            return false;
        }

        Post = post;
        return true;
    }
}
