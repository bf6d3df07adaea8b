using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// POST /accounts/reauthenticate/: the password, or a TOTP or recovery code (exactly one of them).
public sealed record ReauthenticateRequest(
    [property: MaxLength(LoginRequest.PasswordMaxLength)] string? Password,
    [property: MaxLength(MfaCodeRequest.CodeMaxLength)] string? Code) : IJsonRequest<ReauthenticateRequest>
{
    public static ValueTask<ReauthenticateRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var password = body.Text("password", required: false, maxLength: LoginRequest.PasswordMaxLength);
        var code = body.Text("code", required: false, maxLength: MfaCodeRequest.CodeMaxLength, trim: true);
        if (!body.Errors.Any && (password is null) == (code is null))
        {
            body.Errors.Add(FieldErrors.NonField, body.Messages["Reauth.PasswordOrCode"]);
        }

        return ValueTask.FromResult(new ReauthenticateRequest(password, code));
    }
}
