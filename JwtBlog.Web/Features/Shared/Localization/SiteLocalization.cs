using System.Globalization;
using JwtBlog.Web.Features.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared.Localization;

// Korean and English through resource files. Pages take the language from the footer's cookie, else Accept-Language,
// else English. The JSON API takes it from Accept-Language only, so a client of the original API keeps its English
// messages byte for byte unless it asks for Korean.
public static class SiteLocalization
{
    public static WebApplicationBuilder AddSiteLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        builder.Services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>();
        builder.Services.AddScoped<ScriptTexts>();
        builder.Services.AddScoped<Time.ReaderTime>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SiteLanguages.All.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(SiteLanguages.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new PageLanguageCookieProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
        return builder;
    }

    // After routing, so the cookie provider can tell an API endpoint from a page.
    public static IApplicationBuilder UseSiteLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    private sealed class PageLanguageCookieProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            // An error re-executed on the error page is judged by the endpoint that failed: a JSON answer never reads it.
            var reExecuted = httpContext.Features.Get<IStatusCodeReExecuteFeature>();
            var exception = httpContext.Features.Get<IExceptionHandlerFeature>();
            var answersInJson = reExecuted is null && exception is null
                ? httpContext.IsApiEndpoint()
                : ErrorAnswers.InJson(httpContext, reExecuted?.Endpoint ?? exception?.Endpoint);
            if (answersInJson)
            {
                return NullProviderCultureResult;
            }

            var language = httpContext.Request.Cookies[SiteLanguages.CookieName];
            return SiteLanguages.IsSupported(language)
                ? Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language))
                : NullProviderCultureResult;
        }
    }
}
