using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Accounts;

// The profile fields' rules, for the API (join, user/), the admin user form and the views: names of at most 150
// characters, gender "", "male" or "female", a date of birth (YYYY-MM-DD) that is not in the future.
public static class ProfileRules
{
    public const int NameMaxLength = AppUser.NameMaxLength;
    public const string FutureDateOfBirth = "Profile.FutureDateOfBirth";

    public static IReadOnlyList<string> GenderChoices => Genders.All;

    public static bool IsGender(string? gender) => Genders.All.Contains(gender ?? "");

    // DRF's ChoiceField message (the API); the admin form speaks Django forms' InvalidGenderChoiceForForm.
    public static string InvalidGenderChoice(IStringLocalizer<ApiText> messages, string gender) => messages["Profile.InvalidGender", gender];

    public static string InvalidGenderChoiceForForm(IStringLocalizer<ApiText> messages, string? gender) =>
        messages["Profile.InvalidGenderForForm", gender ?? ""];

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static bool IsInTheFuture(DateOnly? dateOfBirth, TimeProvider time) => dateOfBirth > Today(time);

    // first_name, last_name, display_name (trimmed, 1-50 characters), gender and date_of_birth, each optional; errors are collected in body.Errors.
    public static ProfileChangesRequest Read(JsonBody body, TimeProvider time)
    {
        var firstName = body.Has("first_name") ? body.Text("first_name", allowBlank: true, maxLength: NameMaxLength) : null;
        var lastName = body.Has("last_name") ? body.Text("last_name", allowBlank: true, maxLength: NameMaxLength) : null;

        var displayName = body.Has("display_name")
            ? body.Text("display_name", allowBlank: true, trim: true)
            : null;
        if (displayName is not null && DisplayNames.Problem(displayName, body.Messages) is { } problem)
        {
            body.Errors.Add("display_name", problem);
            displayName = null;
        }

        var gender = body.Has("gender") ? body.Text("gender", allowBlank: true) : null;
        if (gender is not null && !IsGender(gender))
        {
            body.Errors.Add("gender", InvalidGenderChoice(body.Messages, gender));
            gender = null;
        }

        var (present, dateOfBirth) = body.Date("date_of_birth");
        if (present && !body.Errors.Has("date_of_birth") && IsInTheFuture(dateOfBirth, time))
        {
            body.Errors.Add("date_of_birth", body.Messages[FutureDateOfBirth]);
        }

        return new ProfileChangesRequest(firstName, lastName, displayName, gender, dateOfBirth) { HasDateOfBirth = present };
    }
}
