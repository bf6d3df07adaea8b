using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace JwtBlog.Web.Features.Admin;

// Admin pages need a session signed in with a second factor (ASVS 4.3.1). Runs after the Staff policy: a staff member
// without a factor is sent to enrol one, and one whose session lacks it (signed in before enrolling) to confirm with a
// code; both come back here afterwards.
public sealed class StaffSecondFactorFilter(CurrentUser current, UserSecondFactors factors, ILogger<StaffSecondFactorFilter> logger) : IAsyncPageFilter
{
    public const string EnrolPath = "/account/two-factor";
    public const string ConfirmPath = "/account/confirm";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (current.SignedInWithSecondFactor || await current.GetAsync() is not { } user)
        {
            await next();
            return;
        }

        var http = context.HttpContext;
        var destination = await factors.HasAnyAsync(user.Id, http.RequestAborted) ? ConfirmPath : EnrolPath;
        logger.StaffSecondFactorRequired(user.Id, destination);
        var returnUrl = http.Request.Path + http.Request.QueryString;
        context.Result = new RedirectResult($"{destination}?returnUrl={Uri.EscapeDataString(returnUrl)}");
    }
}
