using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
                // Version 3 adds the passkeys table (UserPasskeys).
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // Identity's extension points: Django's password rules replace Identity's, emails are keyed as Django stores
        // them, and outgoing mail goes to the outbox in the caller's transaction. Reset tokens and verification keys
        // come from the default (Data Protection) token provider; AccountTokens checks their lifetime on TimeProvider,
        // and the provider's own real-clock lifetime is the longer of the two as a backstop.
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, DjangoPasswordValidator>();
        services.RemoveAll<ILookupNormalizer>();
        services.AddSingleton<ILookupNormalizer, EmailLookupNormalizer>();
        services.AddScoped<IEmailSender<AppUser>, OutboxEmailSender>();
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AccountOptions>>((tokens, accounts) =>
            tokens.TokenLifespan = accounts.Value.PasswordResetTokenLifetime > accounts.Value.EmailVerificationKeyLifetime
                ? accounts.Value.PasswordResetTokenLifetime
                : accounts.Value.EmailVerificationKeyLifetime);

        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<IPasswordHasher<AppUser>>(sp => sp.GetRequiredService<PasswordHashing>());
        services.AddScoped<UserAccounts>();
        services.AddScoped<LoginThrottling>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountSessions>();
        services.AddSingleton<SessionPublicIds>();
        services.AddScoped<AccountTokens>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<EmailVerification>();
        services.AddScoped<EmailChanges>();
        services.AddSingleton<AddressMailLimits>();
        services.AddSingleton<PasswordResetQueue>();
        services.AddHostedService<PasswordResetMailer>();
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
