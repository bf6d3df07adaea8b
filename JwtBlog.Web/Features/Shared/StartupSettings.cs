using System.Reflection;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Shared;

public static class StartupSettings
{
    // Runs every ValidateOnStart check now rather than when the host starts, so that nothing (no database, no data
    // folder) is created for a configuration that is refused. Run as its own process, the app writes the reason as
    // one line on stderr (several refused sections share the line); hosted by a test factory, the exception reaches
    // the test instead.
    public static bool HasValidSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception refused) when (Assembly.GetEntryAssembly() == typeof(Program).Assembly && Reasons(refused) is { Count: > 0 } reasons)
        {
            Console.Error.WriteLine(string.Join(" ", reasons));
            return false;
        }
    }

    private static List<string> Reasons(Exception refused) => refused switch
    {
        OptionsValidationException single => [single.Message],
        AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. many.InnerExceptions.Select(e => e.Message)],
        _ => [],
    };
}
