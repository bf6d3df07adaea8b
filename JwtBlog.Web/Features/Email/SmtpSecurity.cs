namespace JwtBlog.Web.Features.Email;

// How the SMTP connection is encrypted: not at all (a relay on this host), upgraded with STARTTLS (port 587), or TLS
// from the first byte (port 465).
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
