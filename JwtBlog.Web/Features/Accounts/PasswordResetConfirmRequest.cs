using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/password/reset/confirm/: every missing field is listed at once; uid and token are judged next.
public sealed record PasswordResetConfirmRequest(
    [property: Required, MaxLength(PasswordResetConfirmRequest.TokenMaxLength)] string Uid,
    [property: Required, MaxLength(PasswordResetConfirmRequest.TokenMaxLength)] string Token,
    [property: Required, MaxLength(LoginRequest.PasswordMaxLength)] string NewPassword1,
    [property: Required, MaxLength(LoginRequest.PasswordMaxLength)] string NewPassword2) : IJsonRequest<PasswordResetConfirmRequest>
{
    public const int TokenMaxLength = 1024;

    public static ValueTask<PasswordResetConfirmRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var uid = body.Text("uid", maxLength: TokenMaxLength);
        var token = body.Text("token", maxLength: TokenMaxLength);
        var password1 = body.Text("new_password1", maxLength: LoginRequest.PasswordMaxLength);
        var password2 = body.Text("new_password2", maxLength: LoginRequest.PasswordMaxLength);
        return ValueTask.FromResult(new PasswordResetConfirmRequest(uid ?? "", token ?? "", password1 ?? "", password2 ?? ""));
    }
}
