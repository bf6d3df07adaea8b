using System.ComponentModel.DataAnnotations;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// POST /accounts/token/verify/.
public sealed record VerifyRequest([property: Required] string Token) : IJsonRequest<VerifyRequest>
{
    public static ValueTask<VerifyRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(new VerifyRequest(body.Text("token") ?? ""));
}
