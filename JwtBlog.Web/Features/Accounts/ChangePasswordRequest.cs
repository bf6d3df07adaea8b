using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/password/change/.
public sealed record ChangePasswordRequest(
    [property: Required, MaxLength(LoginRequest.PasswordMaxLength)] string OldPassword,
    [property: Required] string NewPassword1,
    [property: Required] string NewPassword2) : IJsonRequest<ChangePasswordRequest>
{
    public static ValueTask<ChangePasswordRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var oldPassword = body.Text("old_password", maxLength: LoginRequest.PasswordMaxLength);
        var password1 = body.Text("new_password1");
        var password2 = body.Text("new_password2");
        return ValueTask.FromResult(new ChangePasswordRequest(oldPassword ?? "", password1 ?? "", password2 ?? ""));
    }
}
