using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts;

// Identity's upper-invariant keys over EmailAddress.Normalize (domain lower-cased and punycoded): one mailbox, one key.
// User names are emails here, so they get the same treatment; stored keys keep their existing values.
public sealed class EmailLookupNormalizer : ILookupNormalizer
{
    private static readonly UpperInvariantLookupNormalizer _upper = new();

    public string? NormalizeEmail(string? email) => email is null ? null : _upper.NormalizeEmail(EmailAddress.Normalize(email));

    public string? NormalizeName(string? name) => name is null ? null : _upper.NormalizeName(EmailAddress.Normalize(name));
}
