using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JwtBlog.Web.Features.Accounts;

public static class AccountsExtensions
{
    // Identity's core (UserManager, EF stores, normalized emails, security stamps) without its cookies or UI.
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "";
                options.Password.RequiredLength = 0;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 0;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // Identity's extension points: Django's password rules replace Identity's, emails are keyed as Django stores
        // them, and outgoing mail has a seam (nothing is sent yet).
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, DjangoPasswordValidator>();
        services.RemoveAll<ILookupNormalizer>();
        services.AddSingleton<ILookupNormalizer, EmailLookupNormalizer>();
        services.TryAddSingleton<IEmailSender<AppUser>, NoEmailSender>();

        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<IPasswordHasher<AppUser>>(sp => sp.GetRequiredService<PasswordHashing>());
        services.AddScoped<UserAccounts>();
        services.AddScoped<LoginThrottling>();
        services.AddScoped<SignInService>();
        services.AddScoped<UserSecondFactors>();
        services.AddScoped<MfaChallenges>();
        services.AddSingleton<DeviceCookies>();
        services.AddSingleton<IKnownClients>(sp => sp.GetRequiredService<DeviceCookies>());
        services.AddScoped<CurrentUser>();
        services.AddMemoryCache();
        services.AddSingleton<RefreshRateLimit>();
        return builder;
    }
}
