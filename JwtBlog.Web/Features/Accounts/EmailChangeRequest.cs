using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/email/change/: the new address and the current password.
public sealed record EmailChangeRequest(
    [property: Required, MaxLength(AppUser.EmailMaxLength)] string NewEmail,
    [property: Required, MaxLength(LoginRequest.PasswordMaxLength)] string Password) : IJsonRequest<EmailChangeRequest>
{
    public static ValueTask<EmailChangeRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var email = PasswordResetRequest.ReadEmail(body, "new_email");
        var password = body.Text("password", maxLength: LoginRequest.PasswordMaxLength);
        return ValueTask.FromResult(new EmailChangeRequest(email ?? "", password ?? ""));
    }
}
