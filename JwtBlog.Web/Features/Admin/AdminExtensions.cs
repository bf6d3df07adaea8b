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
