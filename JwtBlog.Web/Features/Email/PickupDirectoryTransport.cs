using JwtBlog.Web.Data;
using MimeKit;

namespace JwtBlog.Web.Features.Email;

// The embedded default: each message becomes an .eml file that any mail client opens. The folder holds reset links,
// so it is owner-only like the rest of the data folder. A file appears whole (written aside, then renamed).
public sealed class PickupDirectoryTransport(string directory, bool logPaths, ILogger<PickupDirectoryTransport> logger) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        OwnerOnly.CreateDirectory(Directory);
        var name = FileNameFor(message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId());
        var path = Path.Combine(Directory, name);
        var partial = Path.Combine(Directory, "." + name + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly.FileMode;
        }

        await using (var file = new FileStream(partial, options))
        {
            await message.WriteToAsync(file, ct);
        }

        // A retry of the same message replaces its file: one message, one file.
        File.Move(partial, path, overwrite: true);
        if (logPaths)
        {
            logger.MessageWrittenToPickup(path);
        }
    }

    private static string FileNameFor(string messageId)
    {
        var safe = new string([.. messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        return safe + ".eml";
    }
}
