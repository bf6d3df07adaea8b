using JwtBlog.Web.Features.Accounts.SecondFactors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Accounts;

// /account/two-factor: the authenticator app (QR code and key while a setup is pending, activation, removal) and the
// recovery codes. The page script calls the /accounts/mfa/ API.
[Authorize]
public sealed class TwoFactorModel(CurrentUser current, UserSecondFactors factors) : PageModel
{
    public SecondFactorStatus Status { get; private set; } = new(false, 0, 0);

    public TotpSetup? Pending { get; private set; }

    public string? QrCodeSvg { get; private set; }

    public bool IsStaff { get; private set; }

    public string ReturnUrl { get; private set; } = "/account";

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken ct)
    {
        if (await current.GetAsync() is not { } user)
        {
            return Challenge();
        }

        ReturnUrl = returnUrl is null ? "/account" : ReturnUrls.Safe(Url, returnUrl);
        IsStaff = user.IsStaff;
        Status = await factors.StatusAsync(user.Id, ct);
        if (!Status.Totp && await factors.PendingSetupAsync(user, ct) is { } pending)
        {
            Pending = pending;
            QrCodeSvg = TotpQrCode.Svg(pending.OtpauthUri);
        }

        return Page();
    }
}
