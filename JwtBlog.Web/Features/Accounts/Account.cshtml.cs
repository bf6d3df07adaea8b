using JwtBlog.Web.Features.Accounts.Passkeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

[Authorize]
public sealed class AccountModel(CurrentUser current, UserPasskeys passkeys) : PageModel
{
    public string Email { get; private set; } = "";

    public ProfileFields Profile { get; private set; } = new("", "", "", null);

    public IReadOnlyList<PasskeyView> Passkeys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await current.GetAsync() is not { } user)
        {
            return Challenge();
        }

        Email = user.Email!;
        Profile = new ProfileFields(user.FirstName, user.LastName, user.Gender, user.DateOfBirth);
        Passkeys = await passkeys.ListAsync(user);
        return Page();
    }
}
