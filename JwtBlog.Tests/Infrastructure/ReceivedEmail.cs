using System.Text.RegularExpressions;
using MimeKit;

namespace JwtBlog.Tests.Infrastructure;

// One message as the SMTP server received it, for one recipient.
public sealed partial record ReceivedEmail(string To, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";

    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";

    // The first absolute link in the plain-text part whose path starts with pathPrefix ("/password/reset/").
    public string? FindLink(string pathPrefix) =>
        LinkPattern().Matches(Text).Select(m => m.Value).FirstOrDefault(url => new Uri(url).AbsolutePath.StartsWith(pathPrefix, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
