using JwtBlog.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Admin;

public static class AdminExtensions
{
    // Every page under /Admin needs an active staff user, read from the database on each request.
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAuthorizationHandler, StaffHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(StaffPolicy.Name, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new StaffRequirement()));
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Admin", StaffPolicy.Name));
        return builder;
    }
}

public static class StaffPolicy
{
    public const string Name = "Staff";
}

public sealed class StaffRequirement : IAuthorizationRequirement;

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
