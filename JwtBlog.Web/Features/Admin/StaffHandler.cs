using JwtBlog.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace JwtBlog.Web.Features.Admin;

// A valid token is not enough: a demotion or deactivation takes effect on the next request.
// A database error propagates and the request fails, so the check fails closed.
public sealed class StaffHandler(CurrentUser current) : AuthorizationHandler<StaffRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRequirement requirement)
    {
        if (await current.GetAsync() is { IsActive: true, IsStaff: true })
        {
            context.Succeed(requirement);
        }
    }
}
