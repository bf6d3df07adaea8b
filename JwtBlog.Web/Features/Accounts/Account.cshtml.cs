using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.Passkeys;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// The profile and password forms post by script to /accounts/...; the session forms are plain posts that redirect
// back here (post/redirect/get) with a status line.
[Authorize]
public sealed class AccountModel(
    CurrentUser current, AccountSessions sessions, AuthCookies cookies, UserPasskeys passkeys, IStringLocalizer<AccountsText> texts)
    : PageModel
{
    public string Email { get; private set; } = "";

    public bool EmailVerified { get; private set; }

    public string? PendingEmail { get; private set; }

    public ProfileFields Profile { get; private set; } = new("", "", "", "", null);

    public IReadOnlyList<SessionDetails> Sessions { get; private set; } = [];

    public IReadOnlyList<PasskeyView> Passkeys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await current.GetAsync() is not { } user)
        {
            return Challenge();
        }

        Email = user.Email!;
        EmailVerified = user.EmailConfirmed;
        PendingEmail = user.PendingEmail;
        Profile = new ProfileFields(user.FirstName, user.LastName, user.DisplayName, user.Gender, user.DateOfBirth);
        Sessions = await sessions.ListAsync(user.Id, User.SessionId(), ct);
        Passkeys = await passkeys.ListAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEndSessionAsync(string? id, CancellationToken ct)
    {
        if (await current.GetAsync() is not { } user)
        {
            return Challenge();
        }

        var ended = string.IsNullOrEmpty(id) ? null : await sessions.EndAsync(user.Id, id, ct);
        if (ended is not null && ended == User.SessionId())
        {
            cookies.Delete(HttpContext);
            return LocalRedirect("/");
        }

        TempData["Status"] = (ended is null ? texts["Account.SessionAlreadyEnded"] : texts["Account.SessionEnded"]).Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken ct)
    {
        if (await current.GetAsync() is not { } user)
        {
            return Challenge();
        }

        if (!RecentAuthentication.IsRecent(User, HttpContext.RequestServices))
        {
            TempData["Status"] = texts["Account.ConfirmToEndOthers"].Value;
            return RedirectToPage();
        }

        var ended = await sessions.EndOthersAsync(user.Id, User.SessionId()!, ct);
        TempData["Status"] = (ended == 1 ? texts["Account.OneOtherEnded"] : texts["Account.OthersEnded", ended]).Value;
        return RedirectToPage();
    }
}
