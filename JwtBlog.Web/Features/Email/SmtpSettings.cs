using System.ComponentModel.DataAnnotations;

namespace JwtBlog.Web.Features.Email;

public sealed class SmtpSettings
{
    // Empty: no SMTP server; messages go to the pickup folder instead.
    public string Host { get; set; } = "";

    [Range(1, 65535)] public int Port { get; set; } = 587;

    // Empty: the server is used without authentication.
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}
