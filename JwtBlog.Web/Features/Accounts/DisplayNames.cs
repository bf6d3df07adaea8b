using System.Globalization;
using System.Text;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// The public name's rules, for the API (join, user/), the account and admin forms, and the default every new user
// gets: first + last name, else the part of the email before "@", cut to the maximum length.
public static class DisplayNames
{
    public const int MaxLength = AppUser.DisplayNameMaxLength;

    public static string Default(string? firstName, string? lastName, string? email)
    {
        var name = $"{firstName?.Trim()} {lastName?.Trim()}".Trim();
        if (name.Length == 0)
        {
            var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
            name = (at > 0 ? email![..at] : email ?? "").Trim();
        }

        return Cut(name);
    }

    // Null when the (already trimmed) name is fine; otherwise the DRF-style message for the field.
    public static string? Problem(string name, IStringLocalizer<ApiText> messages) =>
        name.Length == 0 ? messages[FieldMessages.Blank].Value
        : FieldMessages.Length(name) > MaxLength ? FieldMessages.TooLong(messages, MaxLength)
        : name.EnumerateRunes().Any(IsHidden) ? messages["Profile.DisplayNameHiddenCharacters"].Value
        : null;

    // A name made of line breaks, bidirectional overrides or zero-width characters could pass for someone else's.
    private static bool IsHidden(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator;

    private static string Cut(string name)
    {
        var runes = name.EnumerateRunes().Where(r => !IsHidden(r)).Take(MaxLength);
        return string.Concat(runes.Select(r => r.ToString())).Trim();
    }
}
