using System.Diagnostics;
using System.Text;

namespace JwtBlog.Tests.ScaleOut;

// One published JwtBlog process (`dotnet JwtBlog.Web.dll`), as jwtblog@.service runs it: the given environment plus
// ASPNETCORE_URLS on a loopback port. Its output is kept for the failure message of a test that needs it.
public sealed class PublishedAppProcess : IDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PublishedAppProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    public string Name { get; }

    public int Port { get; }

    // How nginx names this instance in $upstream_addr.
    public string UpstreamAddress => $"127.0.0.1:{Port}";

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    // Runs `dotnet JwtBlog.Web.dll migrate` to its end: the schema is made once, before any instance starts.
    public static async Task MigrateAsync(string publishedApp, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo(publishedApp, environment, "migrate"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(_startTimeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"migrate exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    // Starts the web server and returns once it says it listens (Microsoft.Hosting.Lifetime's "Now listening on").
    public static async Task<PublishedAppProcess> StartAsync(
        string name, string publishedApp, IReadOnlyDictionary<string, string> environment, int port)
    {
        var withUrl = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        var app = new PublishedAppProcess(name, port, Process.Start(StartInfo(publishedApp, withUrl))!);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.EnableRaisingEvents = true;
        app._process.Exited += (_, _) => app._listening.TrySetException(
            new InvalidOperationException($"Instance {name} exited before listening:\n{app.Output}"));
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app._listening.Task.WaitAsync(_startTimeout);
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    // SIGKILL: no shutdown, no flushing; what the process acknowledged before must already be in the database.
    public void KillHard() => _process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string publishedApp, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = publishedApp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(publishedApp, "JwtBlog.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the operator's environment file gives, not the test run's own ASPNETCORE_/DOTNET_ settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
