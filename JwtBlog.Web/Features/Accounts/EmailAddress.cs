using System.Globalization;
using System.Text.RegularExpressions;

namespace JwtBlog.Web.Features.Accounts;

// Django's EmailValidator without quoted local parts, and the original manager's normalize_email (the domain is lower-cased).
public static partial class EmailAddress
{
    public const string InvalidMessage = "Email.Invalid";

    private static readonly IdnMapping _idn = new();

    public static bool IsValid(string email)
    {
        if (email.Length > AppUser.EmailMaxLength)
        {
            return false;
        }

        // One "@" only, as Identity's own check (which UserManager applies) wants.
        var at = email.IndexOf('@');
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        var local = email[..at];
        var domain = email[(at + 1)..];
        if (!LocalPart().IsMatch(local))
        {
            return false;
        }

        try
        {
            return DomainPart().IsMatch(_idn.GetAscii(domain));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The domain is stored lower-cased in its ASCII (punycode) form, so one mailbox has one spelling.
    public static string Normalize(string email)
    {
        var at = email.LastIndexOf('@');
        if (at < 0)
        {
            return email;
        }

        var domain = email[(at + 1)..];
        try
        {
            domain = _idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            // Not a valid domain: kept as typed, and no stored address can match it.
        }

        return email[..at] + "@" + domain.ToLowerInvariant();
    }

    // Django also accepts a quoted local part; we do not: "kate.sims"@example.com names the mailbox of
    // kate.sims@example.com and would let one mailbox hold two accounts.
    [GeneratedRegex(@"^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$", RegexOptions.IgnoreCase)]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$", RegexOptions.IgnoreCase)]
    private static partial Regex DomainPart();
}
