using System.IO.Compression;
using System.Text.RegularExpressions;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// Django's default validators: minimum length, common passwords, not entirely numeric, not similar to the user.
public static partial class PasswordRules
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 512;
    public const double MaxSimilarity = 0.7;

    private static readonly Lazy<HashSet<string>> _commonPasswords = new(LoadCommonPasswords);

    // Errors about the password alone, all of them, in Django's order.
    public static List<string> Check(string password, IStringLocalizer<ApiText> messages)
    {
        var errors = new List<string>();
        var length = CountCharacters(password);
        if (length < MinimumLength)
        {
            errors.Add(messages["Password.TooShort", MinimumLength]);
        }

        if (length > MaximumLength)
        {
            errors.Add(messages["Password.TooLong", MaximumLength]);
        }

        if (_commonPasswords.Value.Contains(password.Trim().ToLowerInvariant()))
        {
            errors.Add(messages["Password.TooCommon"]);
        }

        if (password.Length > 0 && password.EnumerateRunes().All(System.Text.Rune.IsDigit))
        {
            errors.Add(messages["Password.EntirelyNumeric"]);
        }

        return errors;
    }

    // Django's UserAttributeSimilarityValidator with its 0.7 quick_ratio threshold.
    public static string? CheckSimilarity(string password, string email, string firstName, string lastName, IStringLocalizer<ApiText> messages)
    {
        var lowered = password.ToLowerInvariant();
        foreach (var (value, messageKey) in new[] { (firstName, "Password.SimilarToFirstName"), (lastName, "Password.SimilarToLastName"), (email, "Password.SimilarToEmail") })
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var valueLower = value.ToLowerInvariant();
            var parts = NonWordCharacters().Split(valueLower).Append(valueLower);
            foreach (var part in parts)
            {
                if (ExceedsMaximumLengthRatio(lowered, part))
                {
                    continue;
                }

                if (QuickRatio(lowered, part) >= MaxSimilarity)
                {
                    return messages[messageKey];
                }
            }
        }

        return null;
    }

    // Python's len(): code points, not UTF-16 units.
    public static int CountCharacters(string value) => value.EnumerateRunes().Count();

    private static bool ExceedsMaximumLengthRatio(string password, string value)
    {
        var passwordLength = password.Length;
        var lengthBoundSimilarity = MaxSimilarity / 2 * passwordLength;
        return passwordLength >= 10 * value.Length && value.Length < lengthBoundSimilarity;
    }

    // difflib.SequenceMatcher.quick_ratio: twice the multiset intersection over the total length.
    internal static double QuickRatio(string a, string b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1.0;
        }

        var available = new Dictionary<char, int>();
        foreach (var c in b)
        {
            available[c] = available.GetValueOrDefault(c) + 1;
        }

        var matches = 0;
        foreach (var c in a)
        {
            if (available.GetValueOrDefault(c) > 0)
            {
                available[c]--;
                matches++;
            }
        }

        return 2.0 * matches / (a.Length + b.Length);
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            set.Add(line.Trim());
        }

        return set;
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWordCharacters();
}

