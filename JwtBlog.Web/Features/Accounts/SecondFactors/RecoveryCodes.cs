using System.Security.Cryptography;
using System.Text;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// Recovery codes as people see them (xxxx-xxxx-xxxx, 60 random bits) and as the database keeps them (SHA-256).
public static class RecoveryCodes
{
    public const int Count = 10;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Length = 12;

    public static string NewCode()
    {
        var characters = RandomNumberGenerator.GetItems<char>(Alphabet, Length);
        return $"{new string(characters, 0, 4)}-{new string(characters, 4, 4)}-{new string(characters, 8, 4)}";
    }

    // Null for text that cannot be a code; dashes, spaces and letter case are forgiven.
    public static string? Hash(string typed)
    {
        var code = new string([.. typed.Where(c => c is not ('-' or ' '))]).ToLowerInvariant();
        if (code.Length != Length || !code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
    }
}
