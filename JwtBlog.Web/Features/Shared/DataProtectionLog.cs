namespace JwtBlog.Web.Features.Shared;

internal static partial class DataProtectionLog
{
    [LoggerMessage(EventId = 9001, EventName = "DataProtectionKeysUnencrypted", Level = LogLevel.Warning,
        Message = "The Data Protection keys in {Folder} are not encrypted at rest. Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to a .pfx certificate to encrypt them.")]
    internal static partial void KeysNotEncrypted(ILogger logger, string folder);
}
