using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/password/reset/ and POST /accounts/join/resend-email/: an address, known or not.
public sealed record PasswordResetRequest([property: Required, MaxLength(AppUser.EmailMaxLength)] string Email) : IJsonRequest<PasswordResetRequest>
{
    public static ValueTask<PasswordResetRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new PasswordResetRequest(ReadEmail(body, "email") ?? ""));

    public static string? ReadEmail(JsonBody body, string name)
    {
        var email = body.Text(name, maxLength: AppUser.EmailMaxLength, trim: true);
        if (email is not null && !EmailAddress.IsValid(email))
        {
            body.Errors.Add(name, body.Messages[EmailAddress.InvalidMessage]);
            return null;
        }

        return email;
    }
}
