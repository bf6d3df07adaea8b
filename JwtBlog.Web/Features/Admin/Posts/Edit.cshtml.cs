using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin.Posts;

public sealed class EditModel(AppDbContext db, CurrentUser current, UserAccounts accounts, TimeProvider time,
    IStringLocalizer<ApiText> messages, IStringLocalizer<AdminText> texts) : PageModel
{
    [BindProperty] public PostInput Input { get; set; } = new();

    public Post Post { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = PostInput.From(Post);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // A post whose author was deleted may stay without one; any other post needs an author.
        var author = await Input.ValidateAsync(ModelState, accounts, messages, texts, keepNoAuthor: Post.AuthorId is null);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = new List<string>();
        if (Post.Title != Input.Title)
        {
            Post.Title = Input.Title!;
            changed.Add("Title");
        }

        if (Post.Content != Input.Content)
        {
            Post.Content = Input.Content!;
            changed.Add("Content");
        }

        if (Post.AuthorId != author?.Id)
        {
            Post.AuthorId = author?.Id;
            changed.Add("Author");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (changed.Count > 0)
        {
            Post.UpdatedAt = now;
        }

        db.LogAction((await current.GetAsync())!, now, AdminObjectTypes.Post, Post.Id, Post.Title, AdminActions.Change, AdminLog.Changed(changed));
        await db.SaveChangesAsync(ct);
        TempData["Status"] = texts["PostEdit.Changed", Post.Title].Value;
        return RedirectToPage(new { id });
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
