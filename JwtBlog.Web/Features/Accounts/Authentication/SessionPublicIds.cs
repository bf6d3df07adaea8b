using System.Security.Cryptography;
using System.Text;

namespace JwtBlog.Web.Features.Accounts.Authentication;

// The id a user sees for a session: a keyed hash of its sid, so the list never shows the value every token carries
// and an id cannot be turned back into one. It changes if the signing key does, as do all tokens.
public sealed class SessionPublicIds(SigningKey signingKey)
{
    public const int Length = 32;

    private static readonly byte[] _purpose = Encoding.UTF8.GetBytes("jwtblog session public id:");

    public string For(string sessionId)
    {
        var message = new byte[_purpose.Length + Encoding.UTF8.GetByteCount(sessionId)];
        _purpose.CopyTo(message, 0);
        Encoding.UTF8.GetBytes(sessionId, message.AsSpan(_purpose.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(signingKey.Key.Key, message))[..Length];
    }
}
