using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JwtBlog.Tests.Infrastructure;

// A WebAuthn authenticator in C# for the API tests: one ES256 passkey, "none" attestation, the answers a browser's
// PublicKeyCredential.toJSON() gives. The browser tests use Chromium's virtual authenticator instead.
public sealed class SoftwareAuthenticator(string rpId = "localhost", string origin = "http://localhost") : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private uint _signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    public string Id => Base64Url.EncodeToString(CredentialId);

    // The user handle the relying party gave at registration (options.user.id, base64url).
    public string? UserHandle { get; private set; }

    // navigator.credentials.create(options) answered; change the answer through tamper to test refusals.
    public JsonObject Create(JsonElement options, Action<JsonObject>? tamperClientData = null)
    {
        UserHandle = options.GetProperty("user").GetProperty("id").GetString();
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!, tamperClientData);
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        byte[] publicKey =
        [
            0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01,
            0x21, .. ByteStringHeader(32), .. parameters.Q.X!,
            0x22, .. ByteStringHeader(32), .. parameters.Q.Y!,
        ];
        var credentialIdLength = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(credentialIdLength, (ushort)CredentialId.Length);
        byte[] authenticatorData = [.. AuthenticatorData(0x45), .. new byte[16], .. credentialIdLength, .. CredentialId, .. publicKey];
        byte[] attestationObject =
        [
            0xa3,
            .. Text("fmt"), .. Text("none"),
            .. Text("attStmt"), 0xa0,
            .. Text("authData"), .. ByteStringHeader(authenticatorData.Length), .. authenticatorData,
        ];
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["attestationObject"] = Base64Url.EncodeToString(attestationObject),
            ["transports"] = new JsonArray("internal"),
        });
    }

    // navigator.credentials.get(options) answered with this passkey.
    public JsonObject Get(JsonElement options, Action<JsonObject>? tamperClientData = null)
    {
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!, tamperClientData);
        var authenticatorData = AuthenticatorData(0x05);
        byte[] signed = [.. authenticatorData, .. SHA256.HashData(clientData)];
        var signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
            ["signature"] = Base64Url.EncodeToString(signature),
            ["userHandle"] = UserHandle,
        });
    }

    public void Dispose() => _key.Dispose();

    private JsonObject Credential(JsonObject response) => new()
    {
        ["id"] = Id,
        ["rawId"] = Id,
        ["type"] = "public-key",
        ["authenticatorAttachment"] = "platform",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
    };

    private byte[] ClientData(string type, string challenge, Action<JsonObject>? tamper)
    {
        var clientData = new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = origin, ["crossOrigin"] = false };
        tamper?.Invoke(clientData);
        return Encoding.UTF8.GetBytes(clientData.ToJsonString());
    }

    // rpIdHash, flags (UP 0x01, UV 0x04, AT 0x40), a sign count that grows with every use.
    private byte[] AuthenticatorData(byte flags)
    {
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, ++_signCount);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. count];
    }

    private static byte[] Text(string value) => [(byte)(0x60 + value.Length), .. Encoding.ASCII.GetBytes(value)];

    private static byte[] ByteStringHeader(int length) =>
        length < 24 ? [(byte)(0x40 + length)] : length < 256 ? [0x58, (byte)length] : [0x59, (byte)(length >> 8), (byte)length];
}
