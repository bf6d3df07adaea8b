using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts.Passkeys;

// PATCH /accounts/passkeys/{id}/: {"name"}.
public sealed record RenamePasskeyRequest(string Name) : IJsonRequest<RenamePasskeyRequest>
{
    public static ValueTask<RenamePasskeyRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new RenamePasskeyRequest(body.Text("name", maxLength: UserPasskeys.NameMaxLength, trim: true) ?? ""));
}
