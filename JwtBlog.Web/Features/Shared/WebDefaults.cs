using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace JwtBlog.Web.Features.Shared;

public static class WebDefaults
{
    // Razor Pages live in the feature folders; JSON is snake_case and leaves non-ASCII text (Korean) unescaped.
    public static WebApplicationBuilder AddWebDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            options.Conventions.ConfigureFilter(new UnsupportedPageMethodFilter());
            options.Conventions.ConfigureFilter(new NullCharacterFormFilter());
        });
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();

        // Razor writes Korean (any non-ASCII text) as is, not as numeric character references.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
        });
        AssetsWebRoot.Use(builder.Environment);
        return builder;
    }
}
