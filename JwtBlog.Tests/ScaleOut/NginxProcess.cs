using System.Diagnostics;

namespace JwtBlog.Tests.ScaleOut;

// nginx run as a plain child process (no service manager) from deploy/nginx-jwtblog.conf: the lines ending in "# tls"
// dropped as the file's header says, its listen and upstream ports rewritten to free loopback ports, and
// X-Forwarded-Proto fixed to https, since TLS (what sets $scheme to https in production) is exactly what was dropped.
public sealed class NginxProcess : IDisposable
{
    // A test-only response header naming the instance that answered; the app itself has none.
    public const string UpstreamHeader = "X-Test-Upstream";

    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _folder;

    private NginxProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public static string? FindBinary() =>
        new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(folder => Path.Combine(folder, "nginx")).FirstOrDefault(File.Exists);

    // The site file as CI runs it: every rewrite must match exactly once, so a changed deploy file fails here loudly.
    public static string SiteWithoutTls(string deployFile, int listenPort, int portA, int portB)
    {
        // Whole-line comments go too: they quote the directives being rewritten.
        var lines = File.ReadAllLines(deployFile)
            .Where(line => !line.TrimEnd().EndsWith("# tls", StringComparison.Ordinal) && !line.TrimStart().StartsWith('#'));
        var site = string.Join('\n', lines);
        site = ReplaceOnce(site, "listen 443 ssl;", $"listen 127.0.0.1:{listenPort};");
        site = ReplaceOnce(site, "server 127.0.0.1:5001 ", $"server 127.0.0.1:{portA} ");
        site = ReplaceOnce(site, "server 127.0.0.1:5002 ", $"server 127.0.0.1:{portB} ");
        return ReplaceOnce(site, "X-Forwarded-Proto $scheme;", "X-Forwarded-Proto https;");
    }

    public static async Task<NginxProcess> StartAsync(string binary, string folder, string site, int port)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "jwtblog.conf"), site);
        var pidFile = Path.Combine(folder, "nginx.pid");
        // Everything nginx writes stays in the folder. The header is added at http level, where the site's
        // location (which adds none of its own) inherits it.
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{pidFile}};
            error_log {{folder}}/error.log warn;
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                add_header {{UpstreamHeader}} $upstream_addr always;
                include {{folder}}/jwtblog.conf;
            }
            """);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        // nginx writes its pid file after it has opened the listening sockets: from then on connections queue.
        using var watcher = new FileSystemWatcher(folder, "nginx.pid") { EnableRaisingEvents = true };
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Created += (_, _) => written.TrySetResult();
        watcher.Changed += (_, _) => written.TrySetResult();
        var process = Process.Start(start)!;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => written.TrySetException(new InvalidOperationException(
            $"nginx exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}"));
        var nginx = new NginxProcess(process, folder, port);
        try
        {
            if (!File.Exists(pidFile))
            {
                await written.Task.WaitAsync(_startTimeout);
            }
        }
        catch
        {
            nginx.Dispose();
            throw;
        }

        return nginx;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(from, at + from.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"deploy/nginx-jwtblog.conf should contain \"{from}\" exactly once.");
        }

        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
