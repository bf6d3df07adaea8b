using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/join/verify-email/ and POST /accounts/email/change/cancel/: a key from an email.
public sealed record EmailKeyRequest([property: Required, MaxLength(EmailKeyRequest.KeyMaxLength)] string Key) : IJsonRequest<EmailKeyRequest>
{
    public const int KeyMaxLength = 2048;

    public static ValueTask<EmailKeyRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new EmailKeyRequest(body.Text("key", maxLength: KeyMaxLength) ?? ""));
}
