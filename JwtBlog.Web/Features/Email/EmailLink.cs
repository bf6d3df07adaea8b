namespace JwtBlog.Web.Features.Email;

// The one action an email offers: a button in HTML, "label: url" in plain text.
public sealed record EmailLink(string Label, string Url);
