using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Blog.Markdown;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Blog;

public sealed class DetailsModel(AppDbContext db, CurrentUser current, PostHtmlCache html) : PageModel
{
    public PostView Post { get; private set; } = null!;

    public string ContentHtml { get; private set; } = "";

    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.FindViewAsync(id, ct) is not { } post)
        {
            return NotFound();
        }

        Post = post;
        ContentHtml = html.ToHtml(post.Id, post.Content);
        CanChange = post.CanBeChangedBy(current, await current.GetAsync());
        return Page();
    }
}
