using System.Buffers.Text;
using JwtBlog.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// One passkey as the API and /account show it; id is the credential id in base64url.
public sealed record PasskeyView(string Id, string Name, string CreatedAt)
{
    public static PasskeyView From(UserPasskeyInfo passkey) =>
        new(Base64Url.EncodeToString(passkey.CredentialId), passkey.Name ?? "", DrfFormat.DateTime(passkey.CreatedAt.UtcDateTime));
}
