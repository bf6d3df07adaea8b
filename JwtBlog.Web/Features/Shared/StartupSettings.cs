using System.Reflection;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Shared;

public static class StartupSettings
{
    // Runs every ValidateOnStart check now rather than when the host starts, so that nothing (no database, no data
    // folder) is created for a configuration that is refused. Run as its own process, the app writes the reason as
    // one line on stderr; hosted by a test factory, the exception reaches the test instead.
    public static bool HasValidSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException refused) when (Assembly.GetEntryAssembly() == typeof(Program).Assembly)
        {
            Console.Error.WriteLine(refused.Message);
            return false;
        }
    }
}
