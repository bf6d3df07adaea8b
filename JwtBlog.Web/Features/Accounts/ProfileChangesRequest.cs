using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using JwtBlog.Web.Features.Shared;

namespace JwtBlog.Web.Features.Accounts;

// PUT and PATCH /accounts/user/ alike: every field is optional; email, pk and the flags are read-only and ignored.
// A null name or gender was not sent; date_of_birth null or "" clears it.
public sealed record ProfileChangesRequest(
    [property: MaxLength(ProfileRules.NameMaxLength)] string? FirstName,
    [property: MaxLength(ProfileRules.NameMaxLength)] string? LastName,
    [property: MinLength(1), MaxLength(DisplayNames.MaxLength)] string? DisplayName,
    [property: AllowedValues("", "male", "female")] string? Gender,
    DateOnly? DateOfBirth) : IJsonRequest<ProfileChangesRequest>
{
    [JsonIgnore]
    public bool HasDateOfBirth { get; init; }

    public static ValueTask<ProfileChangesRequest> ReadAsync(JsonBody body, HttpContext context) =>
        ValueTask.FromResult(ProfileRules.Read(body, context.RequestServices.GetRequiredService<TimeProvider>()));

    public void ApplyTo(AppUser user)
    {
        user.FirstName = FirstName ?? user.FirstName;
        user.LastName = LastName ?? user.LastName;
        user.DisplayName = DisplayName ?? user.DisplayName;
        user.Gender = Gender ?? user.Gender;
        if (HasDateOfBirth)
        {
            user.DateOfBirth = DateOfBirth;
        }
    }
}
