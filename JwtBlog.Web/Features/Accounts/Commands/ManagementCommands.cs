using JwtBlog.Web.Data;

namespace JwtBlog.Web.Features.Accounts.Commands;

// Django's manage.py commands: `dotnet run --project JwtBlog.Web -- <command>` or `dotnet JwtBlog.Web.dll <command>`.
// They run inside the built app, so they read the same configuration (appsettings, environment) as the server.
// The console and the environment are parameters so that tests run a command in process.
public static class ManagementCommands
{
    public const string PasswordVariable = "JWTBLOG_SUPERUSER_PASSWORD";

    private const string Usage = """
        Usage: JwtBlog.Web <command> [options]

        Commands:
          migrate                                    Apply database migrations.
          createsuperuser --email <email> [--no-input]
                                                     Create a superuser. Asks for the password twice, or with
                                                     --no-input reads it from JWTBLOG_SUPERUSER_PASSWORD.
          changepassword --email <email>             Set a user's password (asked twice); ends their sessions.

        Without a command the web server starts.
        """;

    private const string Cancelled = "Operation cancelled.";

    private static readonly string[] _commands = ["migrate", "createsuperuser", "changepassword"];

    // A first argument that is not an option names a command; the host then sees none of the command's arguments.
    public static (string? Command, string[] HostArgs) Split(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') ? (args[0], []) : (null, args);

    public static async Task<int> RunAsync(
        IServiceProvider services, string command, string[] args,
        TextReader input, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        if (!_commands.Contains(command) || !TryParse(args, out var email, out var noInput)
            || (command == "migrate" && (email is not null || noInput))
            || (command != "migrate" && email is null)
            || (command == "changepassword" && noInput))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var console = new CommandConsole(input, output, error);

        // A failure (database unreachable, missing configuration) is one line on stderr and exit code 1, not a stack trace.
        try
        {
            await services.MigrateDatabaseAsync();
            if (command == "migrate")
            {
                await output.WriteLineAsync("Migrations applied.");
                return 0;
            }

            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInService>();
            return command == "createsuperuser"
                ? await CreateSuperuserAsync(accounts, signIn, console, email!, noInput, environment)
                : await ChangePasswordAsync(accounts, signIn, console, email!);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return await console.FailAsync($"Error: {e.GetBaseException().Message}");
        }
    }

    private static async Task<int> CreateSuperuserAsync(
        UserAccounts accounts, SignInService signIn, CommandConsole console, string email, bool noInput, Func<string, string?> environment)
    {
        email = email.Trim();
        if (!EmailAddress.IsValid(email))
        {
            return await console.FailAsync("Error: Enter a valid email address.");
        }

        if (await accounts.FindByEmailAsync(email) is not null)
        {
            return await console.FailAsync("Error: That email is already taken.");
        }

        string? password;
        if (noInput)
        {
            password = environment(PasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                return await console.FailAsync($"Error: with --no-input the password comes from {PasswordVariable}, which is not set.");
            }
        }
        else
        {
            var (first, second) = await console.AskPasswordTwiceAsync();
            if (first is null || second is null)
            {
                return await console.FailAsync(Cancelled);
            }

            if (first != second)
            {
                return await console.FailAsync("Error: Your passwords didn't match.");
            }

            password = first;
        }

        var user = new AppUser { Email = email, IsStaff = true, IsSuperuser = true };
        if (await PasswordProblemsAsync(accounts, user, password) is { } problems)
        {
            return await console.FailAsync(problems);
        }

        if (!await signIn.CreateUserAsync(user, password, SecurityActors.CommandLine, CancellationToken.None))
        {
            return await console.FailAsync("Error: That email is already taken.");
        }

        await console.Output.WriteLineAsync("Superuser created successfully.");
        return 0;
    }

    private static async Task<int> ChangePasswordAsync(UserAccounts accounts, SignInService signIn, CommandConsole console, string email)
    {
        var user = await accounts.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return await console.FailAsync($"Error: user '{email}' does not exist");
        }

        await console.Output.WriteLineAsync($"Changing password for user '{user.Email}'");
        var (password, again) = await console.AskPasswordTwiceAsync();
        if (password is null || again is null)
        {
            return await console.FailAsync(Cancelled);
        }

        if (password != again)
        {
            return await console.FailAsync("Error: Passwords do not match.");
        }

        if (await PasswordProblemsAsync(accounts, user, password) is { } problems)
        {
            return await console.FailAsync(problems);
        }

        await signIn.SetPasswordAsync(user, password, keepSessionId: null, SecurityActors.CommandLine, CancellationToken.None);
        await console.Output.WriteLineAsync($"Password changed successfully for user '{user.Email}'");
        return 0;
    }

    // The registered password validators (Django's rules, similarity to the user's email and names included), one
    // message a line; null when the password passes.
    private static async Task<string?> PasswordProblemsAsync(UserAccounts accounts, AppUser user, string password)
    {
        var errors = await accounts.ValidatePasswordAsync(user, password);
        return errors.Count == 0 ? null : string.Join(Environment.NewLine, errors.Select(e => e.Description));
    }

    private static bool TryParse(string[] args, out string? email, out bool noInput)
    {
        email = null;
        noInput = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--email" when i + 1 < args.Length && email is null:
                    email = args[++i];
                    break;
                case var arg when arg.StartsWith("--email=", StringComparison.Ordinal) && email is null:
                    email = arg["--email=".Length..];
                    break;
                case "--no-input" when !noInput:
                    noInput = true;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
