namespace JwtBlog.Web.Features.Shared;

public sealed class DataProtectionSettings
{
    public const string SectionName = "DataProtection";

    // A PKCS#12 (.pfx) file whose certificate encrypts the Data Protection keys at rest; none by default.
    public string CertificatePath { get; set; } = "";
    public string? CertificatePassword { get; set; }
}
