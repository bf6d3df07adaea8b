using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

[Authorize]
public sealed class AccountModel(CurrentUser current) : PageModel
{
    public string Email { get; private set; } = "";

    public bool EmailVerified { get; private set; }

    public string? PendingEmail { get; private set; }

    public ProfileFields Profile { get; private set; } = new("", "", "", null);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await current.GetAsync() is not { } user)
        {
            return Challenge();
        }

        Email = user.Email!;
        EmailVerified = user.EmailConfirmed;
        PendingEmail = user.PendingEmail;
        Profile = new ProfileFields(user.FirstName, user.LastName, user.Gender, user.DateOfBirth);
        return Page();
    }
}
