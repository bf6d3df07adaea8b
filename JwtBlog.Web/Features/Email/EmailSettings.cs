using System.ComponentModel.DataAnnotations;

namespace JwtBlog.Web.Features.Email;

public sealed class EmailSettings
{
    public const string SectionName = "Email";
    public const string DefaultPickupFolder = "mail";

    // The sender of every message ("JwtBlog <noreply@blog.example.com>" or a bare address).
    [Required] public string From { get; set; } = "JwtBlog <noreply@localhost>";

    public SmtpSettings Smtp { get; set; } = new();

    // Where messages are written as .eml files when no SMTP host is set. Empty: <DataDirectory>/mail outside
    // Production; Production needs one of the two.
    public string PickupDirectory { get; set; } = "";

    public bool UsesSmtp => Smtp.Host.Length > 0;
}
