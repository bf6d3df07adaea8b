using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace JwtBlog.Web.Features.Admin;

// A position in a sorted list: the sort key and id of the row at a page's edge. Pages are read with
// "WHERE (key, id) beyond the cursor ORDER BY key, id LIMIT n+1" on an index, so page 2,000 costs what page 1 costs.
// Encoded so that links carry it opaquely; a cursor of another sort order (or garbage) is ignored.
public sealed record PageCursor(string Sort, string Key, int Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Sort, Id.ToString(CultureInfo.InvariantCulture), Key)));

    public static PageCursor? Decode(string? value, string sort)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split('\n', 3);
            return parts.Length == 3 && parts[0] == sort && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new PageCursor(parts[0], parts[2], id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
