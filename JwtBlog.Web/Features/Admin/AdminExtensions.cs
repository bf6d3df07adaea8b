using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JwtBlog.Web.Features.Admin;

public static class AdminExtensions
{
    // Every page under /Admin needs an active staff user, read from the database on each request, in a session signed
    // in with a second factor.
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAuthorizationHandler, StaffHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(StaffPolicy.Name, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new StaffRequirement()));
        builder.Services.AddScoped<StaffSecondFactorFilter>();
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions
            .AuthorizeFolder("/Admin", StaffPolicy.Name)
            .AddFolderApplicationModelConvention("/Admin", model => model.Filters.Add(new ServiceFilterAttribute(typeof(StaffSecondFactorFilter)))));
        return builder;
    }
}
