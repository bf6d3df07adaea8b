using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin.Posts;

public sealed class CreateModel(AppDbContext db, CurrentUser current, UserAccounts accounts, TimeProvider time,
    IStringLocalizer<ApiText> messages, IStringLocalizer<AdminText> texts) : PageModel
{
    [BindProperty] public PostInput Input { get; set; } = new();

    public async Task OnGetAsync() => Input.AuthorEmail = (await current.GetAsync())!.Email;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var author = await Input.ValidateAsync(ModelState, accounts, messages, texts, keepNoAuthor: false);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var post = new Post { Title = Input.Title!, Content = Input.Content!, AuthorId = author!.Id, CreatedAt = now, UpdatedAt = now };
        var actor = (await current.GetAsync())!;
        await db.InWriteTransactionAsync(
            async token =>
            {
                db.Posts.Add(post);
                await db.SaveChangesAsync(token);
                db.LogAction(actor, now, AdminObjectTypes.Post, post.Id, post.Title, AdminActions.Add, "Added.");
                await db.SaveChangesAsync(token);
            },
            ct);
        TempData["Status"] = texts["PostCreate.Added", post.Title].Value;
        return RedirectToPage("Index");
    }
}
