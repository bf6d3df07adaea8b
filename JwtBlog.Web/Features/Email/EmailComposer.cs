using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Email;

// Builds both parts of an email from the same pieces, so the plain-text and HTML versions always say the same thing,
// and every subject names the site. Everything written into the HTML part is encoded; letters of any script (Korean)
// stay as they are rather than as character references.
public sealed class EmailComposer(IOptions<SiteSettings> site)
{
    private static readonly HtmlEncoder _html = HtmlEncoder.Create(UnicodeRanges.All);

    public EmailMessage Compose(string to, string subject, IReadOnlyList<string> paragraphs, EmailLink? action = null)
    {
        var siteName = site.Value.SiteName;
        var fullSubject = $"[{siteName}] {subject}";

        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\r\n\r\n");
        }

        if (action is not null)
        {
            text.Append(action.Label).Append(": ").Append(action.Url).Append("\r\n\r\n");
        }

        text.Append("-- \r\n").Append(siteName).Append("\r\n");

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(SiteLanguages.Current).Append("\"><head><meta charset=\"utf-8\"><title>").Append(_html.Encode(fullSubject))
            .Append("</title></head><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328\">");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(_html.Encode(paragraph)).Append("</p>");
        }

        if (action is not null)
        {
            html.Append("<p><a href=\"").Append(_html.Encode(action.Url))
                .Append("\" style=\"display:inline-block;padding:8px 16px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px\">")
                .Append(_html.Encode(action.Label)).Append("</a></p><p style=\"font-size:small;color:#57606a\">")
                .Append(_html.Encode(action.Url)).Append("</p>");
        }

        html.Append("<hr><p style=\"font-size:small;color:#57606a\">").Append(_html.Encode(siteName)).Append("</p></body></html>");
        return new EmailMessage(to, fullSubject, text.ToString(), html.ToString());
    }
}
