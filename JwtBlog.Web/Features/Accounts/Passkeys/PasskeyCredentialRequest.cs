using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// POST /accounts/login/passkey/ and /accounts/reauthenticate/passkey/: {"credential": PublicKeyCredential.toJSON()}.
public sealed record PasskeyCredentialRequest(string Credential) : IJsonRequest<PasskeyCredentialRequest>
{
    public static ValueTask<PasskeyCredentialRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new PasskeyCredentialRequest(body.JsonObjectText("credential") ?? "{}"));
}
