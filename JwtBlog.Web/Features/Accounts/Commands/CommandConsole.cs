namespace JwtBlog.Web.Features.Accounts.Commands;

// The input and output of a management command: the process console, or readers and writers given by a test.
internal sealed class CommandConsole(TextReader input, TextWriter output, TextWriter error)
{
    public TextWriter Output => output;

    // Null for an answer means the input ended (Ctrl+D, or a closed pipe).
    public async Task<(string? First, string? Second)> AskPasswordTwiceAsync()
    {
        var first = await ReadSecretAsync("Password: ");
        return (first, first is null ? null : await ReadSecretAsync("Password (again): "));
    }

    public async Task<int> FailAsync(string message)
    {
        await error.WriteLineAsync(message);
        return 1;
    }

    // Not echoed at a terminal; read as a line when the input is redirected or is not the console.
    private async Task<string?> ReadSecretAsync(string prompt)
    {
        await output.WriteAsync(prompt);
        await output.FlushAsync();
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return await input.ReadLineAsync();
        }

        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                await output.WriteLineAsync();
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
}
