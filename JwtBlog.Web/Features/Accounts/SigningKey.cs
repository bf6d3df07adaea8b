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
        if (Problem(configured, environment) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        Key = new SymmetricSecurityKey(string.IsNullOrEmpty(configured)
            ? LoadOrCreate(Path.Combine(configuration.DataDirectory(environment), "jwt-signing-key"))
            : Encoding.UTF8.GetBytes(configured));
    }

    // Checked at start-up (ValidateOnStart), so a bad key stops the app before it serves anything.
    public static string? Problem(string configured, IHostEnvironment environment)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return environment.IsProduction()
                ? $"Jwt:SigningKey is not set. In Production set it (at least {JwtOptions.MinimumKeyBytes} bytes of random text), " +
                  "for example with the environment variable Jwt__SigningKey."
                : null;
        }

        var length = Encoding.UTF8.GetByteCount(configured);
        return length < JwtOptions.MinimumKeyBytes
            ? $"Jwt:SigningKey is {length} bytes long; HS256 needs at least {JwtOptions.MinimumKeyBytes}."
            : null;
    }

    public SymmetricSecurityKey Key { get; }

    public sealed class Validation(IHostEnvironment environment) : IValidateOptions<JwtOptions>
    {
        public ValidateOptionsResult Validate(string? name, JwtOptions options) =>
            Problem(options.SigningKey, environment) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

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
