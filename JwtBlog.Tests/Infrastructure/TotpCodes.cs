using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace JwtBlog.Tests.Infrastructure;

// RFC 6238 written again for the tests (not the app's code), as an authenticator app computes it.
public static class TotpCodes
{
    public static string At(string base32Secret, DateTimeOffset at, int stepOffset = 0)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, (at.ToUnixTimeSeconds() / 30) + stepOffset);
#pragma warning disable CA5350 // RFC 6238's authenticator apps use HMAC-SHA1.
        var hash = HMACSHA1.HashData(FromBase32(base32Secret), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        var bits = string.Concat(text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()
            .Select(c => Convert.ToString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
