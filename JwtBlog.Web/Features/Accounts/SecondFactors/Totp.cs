using System.Buffers.Binary;
using System.Security.Cryptography;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// RFC 6238 as authenticator apps use it: HMAC-SHA1, 30-second steps, 6 digits, the key in Base32 (RFC 4648).
public static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    // One step either side of now: a code typed just before its step ended, or a phone clock slightly off.
    private const int AllowedDrift = 1;

    public static long TimeStepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static bool IsWellFormed(string code) => code.Length == Digits && code.All(char.IsAsciiDigit);

    // The time step whose code this is, or null when it matches none near now.
    public static long? MatchingTimeStep(string base32Key, string code, DateTimeOffset now)
    {
        if (!IsWellFormed(code) || DecodeBase32(base32Key) is not { Length: > 0 } key)
        {
            return null;
        }

        var current = TimeStepAt(now);
        for (var step = current - AllowedDrift; step <= current + AllowedDrift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Compute(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6238 as every authenticator app implements it is HMAC-SHA1; HMAC does not rely on SHA-1's collision resistance.")]
    public static string Compute(byte[] key, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    // Null for text that is not Base32; spaces and letter case are forgiven, as apps show the key in groups.
    public static byte[]? DecodeBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. output];
    }
}
