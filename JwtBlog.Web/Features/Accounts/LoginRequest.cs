using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/login/. A missing or blank email is answered by the handler with dj-rest-auth's non-field error.
// Remember ("Keep me signed in") keeps the session and its cookies past the browser's closing and a day unused.
public sealed record LoginRequest(
    [property: MaxLength(AppUser.EmailMaxLength)] string? Email,
    [property: Required, MaxLength(LoginRequest.PasswordMaxLength)] string Password,
    bool Remember = false) : IJsonRequest<LoginRequest>
{
    // Long enough for any password the rules accept, short enough that bcrypt's input stays bounded.
    public const int PasswordMaxLength = 4 * PasswordRules.MaximumLength;

    public static ValueTask<LoginRequest> ReadAsync(JsonBody body, HttpContext context)
    {
        var email = body.Text("email", required: false, allowBlank: true, maxLength: AppUser.EmailMaxLength, trim: true);
        if (!string.IsNullOrEmpty(email) && !EmailAddress.IsValid(email))
        {
            body.Errors.Add("email", body.Messages[EmailAddress.InvalidMessage]);
        }

        var password = body.Text("password", maxLength: PasswordMaxLength);
        var remember = body.Boolean("remember");
        return ValueTask.FromResult(new LoginRequest(email, password ?? "", remember));
    }
}
