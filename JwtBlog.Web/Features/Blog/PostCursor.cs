using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace JwtBlog.Web.Features.Blog;

// The opaque "next" cursor: base64url of "before:<id>", the id of the last post on the page. It is no secret and
// grants nothing (every post is public); it is only checked strictly, so a tampered cursor is a 400, never a 500.
public static class PostCursor
{
    private const string Prefix = "before:";
    private const int MaxLength = 32;

    public static string Encode(int beforeId) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + beforeId.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out int beforeId)
    {
        beforeId = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out beforeId)
            && beforeId > 0
            && Encode(beforeId) == cursor;
    }
}
