using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin.Users;

// Django's admin "change password" form: the password rules apply, and every session of the user ends.
public sealed class PasswordModel(
    AppDbContext db, CurrentUser current, UserAccounts accounts, SignInService signIn, TimeProvider time,
    IStringLocalizer<ApiText> messages, IStringLocalizer<AdminText> texts) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();

    public AppUser Target { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        RequireBoth();
        if (ModelState.IsValid && Input.Password1 != Input.Password2)
        {
            ModelState.AddModelError("Input.Password2", messages[PasswordResets.Mismatch]);
        }
        else if (ModelState.IsValid)
        {
            foreach (var problem in await accounts.ValidatePasswordAsync(Target, Input.Password1!))
            {
                ModelState.AddModelError("Input.Password1", problem.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var actor = (await current.GetAsync())!;
        db.LogAction(actor, time.GetUtcNow().UtcDateTime, AdminObjectTypes.User, Target.Id, Target.Email!, AdminActions.Change, "Changed password.");
        await signIn.SetPasswordAsync(Target, Input.Password1!, actor.Id == Target.Id ? User.SessionId() : null, SecurityActors.Admin(actor.Id), ct);
        TempData["Status"] = texts["UserPassword.Changed", Target.Email!].Value;
        return RedirectToPage("Edit", new { id });
    }

    private void RequireBoth()
    {
        foreach (var (key, value) in new[] { ("Input.Password1", Input.Password1), ("Input.Password2", Input.Password2) })
        {
            if (string.IsNullOrEmpty(value))
            {
                ModelState.AddModelError(key, messages[FieldMessages.Required]);
            }
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Users.FindAsync([id], ct) is not { } target)
        {
            return NotFound();
        }

        Target = target;
        var actor = await current.GetAsync();
        return actor is not null && UserRules.CanChange(actor, target) ? null : Forbid();
    }

    public sealed class PasswordInput
    {
        public string? Password1 { get; set; }

        public string? Password2 { get; set; }
    }
}
