using System.Security.Cryptography;
using System.Text;
using JwtBlog.Web.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Web.Features.Accounts;

// The HS256 key: from Jwt:SigningKey, or (outside Production) generated once and kept in the data folder.
public sealed class SigningKey
{
    public SigningKey(IOptions<JwtOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = options.Value.SigningKey;
        byte[] bytes;
        if (!string.IsNullOrEmpty(configured))
        {
            bytes = Encoding.UTF8.GetBytes(configured);
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"Jwt:SigningKey is not set. In Production set it (at least {JwtOptions.MinimumKeyBytes} bytes of random text), " +
                "for example with the environment variable Jwt__SigningKey.");
        }
        else
        {
            bytes = LoadOrCreate(Path.Combine(configuration.DataDirectory(environment), "jwt-signing-key"));
        }

        if (bytes.Length < JwtOptions.MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"Jwt:SigningKey is {bytes.Length} bytes long; HS256 needs at least {JwtOptions.MinimumKeyBytes}.");
        }

        Key = new SymmetricSecurityKey(bytes);
    }

    public SymmetricSecurityKey Key { get; }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(64);
        try
        {
            // CreateNew: when two processes start at once, the second reads the first one's key.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
