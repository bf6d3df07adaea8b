using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin.Users;

// The confirm page. Deleting a user keeps their posts: the author becomes null, shown as a deleted user.
public sealed class DeleteModel(
    AppDbContext db, CurrentUser current, SignInService signIn, TimeProvider time, IStringLocalizer<AdminText> texts) : PageModel
{
    public AppUser Target { get; private set; } = null!;

    public int PostCount { get; private set; }

    // Why this user may not be deleted (an AdminText key), or null.
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        PostCount = await db.Posts.CountAsync(p => p.AuthorId == id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Refusal is not null)
        {
            return Forbid();
        }

        var actor = (await current.GetAsync())!;
        await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(Target.Id, token);

                // Ending the sessions first drops them from the session cache; the delete then removes them.
                await signIn.EndSessionsAsync(Target.Id, keepSessionId: null, SecurityActors.Admin(actor.Id), token);
                db.Users.Remove(Target);
                db.LogAction(actor, time.GetUtcNow().UtcDateTime, AdminObjectTypes.User, Target.Id, Target.Email!, AdminActions.Delete, "Deleted.");
                await db.SaveChangesAsync(token);
            },
            ct);
        TempData["Status"] = texts["UserDelete.Deleted", Target.Email!].Value;
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Users.FindAsync([id], ct) is not { } target)
        {
            return false;
        }

        Target = target;
        var actor = (await current.GetAsync())!;
        Refusal = actor.Id == target.Id ? "UserDelete.OwnAccount"
            : UserRules.Refusal(actor, target);
        return true;
    }
}
