using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// POST /accounts/passkeys/: {"credential": PublicKeyCredential.toJSON(), "name": optional}.
public sealed record NewPasskeyRequest(string Credential, string? Name) : IJsonRequest<NewPasskeyRequest>
{
    public static ValueTask<NewPasskeyRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var credential = body.JsonObjectText("credential");
        var name = body.Text("name", required: false, allowBlank: true, maxLength: UserPasskeys.NameMaxLength, trim: true);
        return ValueTask.FromResult(new NewPasskeyRequest(credential ?? "{}", name));
    }
}
