using System.Globalization;
using System.Text;
using System.Xml;

namespace JwtBlog.Web.Features.Blog;

// An Atom 1.0 document (RFC 4287) of posts, newest first. Authors appear by display name only, never by email.
public sealed record AtomFeed(string Id, string Title, string SelfUrl, string AlternateUrl, string AuthorName, string Language, DateTime Updated)
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    // postUrl turns a post id into its absolute page URL, which is also the entry's id; contentHtml renders a post.
    public byte[] Write(IReadOnlyList<PostView> posts, Func<int, string> postUrl, Func<PostView, string> contentHtml)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, Language);
            xml.WriteElementString("id", Atom, Id);
            WriteText(xml, "title", Title);
            xml.WriteElementString("updated", Atom, Timestamp(Updated));
            WriteLink(xml, "self", "application/atom+xml", SelfUrl);
            WriteLink(xml, "alternate", "text/html", AlternateUrl);
            WriteAuthor(xml, AuthorName);
            xml.WriteElementString("generator", Atom, "JwtBlog");
            foreach (var post in posts)
            {
                var url = postUrl(post.Id);
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, url);
                WriteText(xml, "title", post.Title);
                xml.WriteElementString("published", Atom, Timestamp(post.CreatedAt));
                xml.WriteElementString("updated", Atom, Timestamp(post.UpdatedAt));
                WriteLink(xml, "alternate", "text/html", url);

                // A deleted user's post has no author of its own; the feed's author element covers it (RFC 4287 4.1.1).
                if (post.AuthorName is { } name)
                {
                    WriteAuthor(xml, name);
                }

                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(contentHtml(post));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void WriteText(XmlWriter xml, string element, string text)
    {
        xml.WriteStartElement(element, Atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void WriteLink(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static void WriteAuthor(XmlWriter xml, string name)
    {
        xml.WriteStartElement("author", Atom);
        xml.WriteElementString("name", Atom, name);
        xml.WriteEndElement();
    }
}
