using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared.Localization;

// A translated sentence with markup in its placeholders ("edited {0}" around a <time>): the sentence is encoded, the
// arguments are already HTML, so the words can sit where each language wants them.
public static class HtmlText
{
    public static IHtmlContent Format(LocalizedString template, params IHtmlContent[] arguments)
    {
        var html = arguments.Select(argument =>
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            argument.WriteTo(writer, HtmlEncoder.Default);
            return (object)writer.ToString();
        }).ToArray();
        return new HtmlString(string.Format(CultureInfo.InvariantCulture, HtmlEncoder.Default.Encode(template.Value), html));
    }
}
