using JwtBlog.Web.Data;

namespace JwtBlog.Web.Features.Accounts;

// Django's manage.py commands: `dotnet run --project JwtBlog.Web -- <command>` or `dotnet JwtBlog.Web.dll <command>`.
// They run inside the built app, so they read the same configuration (appsettings, environment) as the server.
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

    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        if (!_commands.Contains(command) || !TryParse(args, out var email, out var noInput)
            || (command == "migrate" && (email is not null || noInput))
            || (command != "migrate" && email is null)
            || (command == "changepassword" && noInput))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        // A failure (database unreachable, missing configuration) is one line on stderr and exit code 1, not a stack trace.
        try
        {
            await app.Services.MigrateDatabaseAsync();
            if (command == "migrate")
            {
                Console.WriteLine("Migrations applied.");
                return 0;
            }

            await using var scope = app.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            return command == "createsuperuser"
                ? await CreateSuperuserAsync(accounts, email!, noInput)
                : await ChangePasswordAsync(accounts, email!);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail($"Error: {e.GetBaseException().Message}");
        }
    }

    private static async Task<int> CreateSuperuserAsync(UserAccounts accounts, string email, bool noInput)
    {
        email = email.Trim();
        if (!EmailAddress.IsValid(email))
        {
            return Fail($"Error: {EmailAddress.InvalidMessage}");
        }

        if (await accounts.FindByEmailAsync(email) is not null)
        {
            return Fail("Error: That email is already taken.");
        }

        string? password;
        if (noInput)
        {
            password = Environment.GetEnvironmentVariable(PasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                return Fail($"Error: with --no-input the password comes from {PasswordVariable}, which is not set.");
            }
        }
        else
        {
            var (first, second) = AskPasswordTwice();
            if (first is null || second is null)
            {
                return Fail(Cancelled);
            }

            if (first != second)
            {
                return Fail("Error: Your passwords didn't match.");
            }

            password = first;
        }

        var problems = UserAccounts.CheckPassword(password, email, "", "");
        if (problems.Count > 0)
        {
            return Fail(string.Join(Environment.NewLine, problems));
        }

        var user = new AppUser { Email = email, IsStaff = true, IsSuperuser = true };
        if (!await accounts.CreateAsync(user, password, CancellationToken.None))
        {
            return Fail("Error: That email is already taken.");
        }

        Console.WriteLine("Superuser created successfully.");
        return 0;
    }

    private static async Task<int> ChangePasswordAsync(UserAccounts accounts, string email)
    {
        var user = await accounts.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return Fail($"Error: user '{email}' does not exist");
        }

        Console.WriteLine($"Changing password for user '{user.Email}'");
        var (password, again) = AskPasswordTwice();
        if (password is null || again is null)
        {
            return Fail(Cancelled);
        }

        if (password != again)
        {
            return Fail("Error: Passwords do not match.");
        }

        var problems = UserAccounts.CheckPassword(password, user.Email!, user.FirstName, user.LastName);
        if (problems.Count > 0)
        {
            return Fail(string.Join(Environment.NewLine, problems));
        }

        await accounts.SetPasswordAsync(user, password, keepSessionId: null, CancellationToken.None);
        Console.WriteLine($"Password changed successfully for user '{user.Email}'");
        return 0;
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

    // Null for an answer means the input ended (Ctrl+D, or a closed pipe).
    private static (string? First, string? Second) AskPasswordTwice()
    {
        var first = ReadSecret("Password: ");
        return (first, first is null ? null : ReadSecret("Password (again): "));
    }

    // Not echoed at a terminal; read as a line when the input is redirected.
    private static string? ReadSecret(string prompt)
    {
        Console.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine();
        }

        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
