using System.Security.Cryptography;
using System.Text;
using JwtBlog.Web.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// The HS256 key: from Jwt:SigningKey, or (outside Production) generated once and kept in the data folder.
public sealed class SigningKey
{
    // Thresholds a random key clears easily (48 random bytes in base64 score over 5 bits) and a repeated
    // pattern such as 32 x "a" or "abcd..." never does. It cannot tell a long passphrase from a random key.
    public const int MinimumDistinctBytes = 8;
    public const double MinimumBitsPerByte = 3.0;

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

        var bytes = Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < JwtOptions.MinimumKeyBytes)
        {
            return $"Jwt:SigningKey is {bytes.Length} bytes long; HS256 needs at least {JwtOptions.MinimumKeyBytes}.";
        }

        return environment.IsProduction() && !LooksRandom(bytes)
            ? $"Jwt:SigningKey has too little entropy: a Production key needs at least {MinimumDistinctBytes} different " +
              $"characters and {MinimumBitsPerByte} bits of Shannon entropy per character (a repeated pattern or a word is " +
              "guessed offline). Generate one, for example with: head -c 48 /dev/urandom | base64"
            : null;
    }

    internal static bool LooksRandom(byte[] key)
    {
        var counts = key.CountBy(b => b).Select(pair => pair.Value).ToList();
        var entropy = counts.Sum(count =>
        {
            var p = (double)count / key.Length;
            return -p * Math.Log2(p);
        });
        return counts.Count >= MinimumDistinctBytes && entropy >= MinimumBitsPerByte;
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

        OwnerOnly.CreateDirectory(Path.GetDirectoryName(path)!);
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
