using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// POST /accounts/login/mfa/: the mfa_token from the password step and a TOTP or recovery code.
public sealed record MfaLoginRequest(
    [property: Required, MaxLength(MfaLoginRequest.TokenMaxLength)] string MfaToken,
    [property: Required, MaxLength(MfaCodeRequest.CodeMaxLength)] string Code) : IJsonRequest<MfaLoginRequest>
{
    public const int TokenMaxLength = 100;

    public static ValueTask<MfaLoginRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var token = body.Text("mfa_token", maxLength: TokenMaxLength, allowNumbers: false);
        var code = body.Text("code", maxLength: MfaCodeRequest.CodeMaxLength, trim: true);
        return ValueTask.FromResult(new MfaLoginRequest(token ?? "", code ?? ""));
    }
}
