namespace JwtBlog.Web.Features.Email;

// A composed email: the plain-text and HTML parts say the same thing.
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);
