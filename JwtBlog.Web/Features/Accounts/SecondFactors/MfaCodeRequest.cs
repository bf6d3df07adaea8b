using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// POST /accounts/mfa/totp/activate/: a code from the authenticator app.
public sealed record MfaCodeRequest([property: Required, MaxLength(MfaCodeRequest.CodeMaxLength)] string Code) : IJsonRequest<MfaCodeRequest>
{
    // A TOTP code or a recovery code with its dashes, with room for spaces typed around it.
    public const int CodeMaxLength = 40;

    public static ValueTask<MfaCodeRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new MfaCodeRequest(body.Text("code", maxLength: CodeMaxLength, trim: true) ?? ""));
}
