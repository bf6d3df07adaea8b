using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Admin.Users;

// Django's admin "change password" form: the password rules apply, and every session of the user ends.
public sealed class PasswordModel(
    AppDbContext db, CurrentUser current, UserAccounts accounts, SignInService signIn, TimeProvider time) : PageModel
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

        if (ModelState.IsValid && Input.Password1 != Input.Password2)
        {
            ModelState.AddModelError("Input.Password2", "The two password fields didn\u2019t match.");
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
        TempData["Status"] = $"The password of {Target.Email} was changed and their sessions were ended.";
        return RedirectToPage("Edit", new { id });
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
        [Display(Name = "Password")]
        [Required(ErrorMessage = FieldMessages.Required)]
        public string? Password1 { get; set; }

        [Display(Name = "Password (again)")]
        [Required(ErrorMessage = FieldMessages.Required)]
        public string? Password2 { get; set; }
    }
}
