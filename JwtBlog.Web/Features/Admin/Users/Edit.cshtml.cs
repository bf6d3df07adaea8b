using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.SecondFactors;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Admin.Users;

public sealed class EditModel(
    AppDbContext db, CurrentUser current, SignInService signIn, UserSecondFactors secondFactors, TimeProvider time,
    IStringLocalizer<ApiText> messages, IStringLocalizer<AdminText> texts) : PageModel
{
    public const string MarkedVerified = "Marked the e-mail address verified.";

    [BindProperty] public UserInput Input { get; set; } = new();

    public AppUser Target { get; private set; } = null!;

    public AppUser Actor { get; private set; } = null!;

    public bool CanChange => UserRules.CanChange(Actor, Target);

    public bool IsSelf => Actor.Id == Target.Id;

    public bool TargetHasSecondFactor { get; private set; }

    // A superuser resets another user's second factors (a lost phone); nobody resets their own here.
    public bool CanResetSecondFactors => Actor.IsSuperuser && !IsSelf;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = UserInput.From(Target);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        ReplaceUnreadableCheckboxes();
        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = Input.ApplyTo(Target);
        var deactivated = changed.Contains(UserInput.ActiveLabel) && !Target.IsActive;
        var summary = AdminLog.Changed(changed) + (deactivated ? " Ended all sessions." : "");
        await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(Target.Id, token);
                db.LogAction(Actor, time.GetUtcNow().UtcDateTime, AdminObjectTypes.User, Target.Id, Target.Email!, AdminActions.Change, summary);
                await db.SaveChangesAsync(token);
                if (deactivated)
                {
                    await signIn.EndSessionsAsync(Target.Id, keepSessionId: null, SecurityActors.Admin(Actor.Id), token);
                }
            },
            ct);
        TempData["Status"] = texts["UserEdit.Changed", Target.Email!].Value;
        return RedirectToPage(new { id });
    }

    // Ends every session of the user: their access and refresh tokens are refused from their next request.
    // Your own current session is kept, so you stay signed in.
    public async Task<IActionResult> OnPostEndSessionsAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(Target.Id, token);
                db.LogAction(Actor, time.GetUtcNow().UtcDateTime, AdminObjectTypes.User, Target.Id, Target.Email!, AdminActions.Change, "Ended all sessions.");
                await db.SaveChangesAsync(token);
                await signIn.EndSessionsAsync(Target.Id, IsSelf ? User.SessionId() : null, SecurityActors.Admin(Actor.Id), token);
            },
            ct);
        TempData["Status"] = texts["UserEdit.SessionsEnded", Target.Email!].Value;
        return RedirectToPage(new { id });
    }

    // Staff vouch for the address (allauth's admin "verified" flag); recorded in the admin log.
    public async Task<IActionResult> OnPostMarkVerifiedAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        if (!Target.EmailConfirmed)
        {
            Target.EmailConfirmed = true;
            await db.InWriteTransactionAsync(
                async token =>
                {
                    db.LogAction(Actor, time.GetUtcNow().UtcDateTime, AdminObjectTypes.User, Target.Id, Target.Email!, AdminActions.Change, MarkedVerified);
                    await db.SaveChangesAsync(token);
                },
                ct);
        }

        TempData["Status"] = texts["UserEdit.MarkedVerified", Target.Email!].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetSecondFactorsAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanResetSecondFactors)
        {
            return Forbid();
        }

        await db.InWriteTransactionAsync(
            async token =>
            {
                await db.LockUserAsync(Target.Id, token);
                db.LogAction(Actor, time.GetUtcNow().UtcDateTime, AdminObjectTypes.User, Target.Id, Target.Email!, AdminActions.Change,
                    "Reset second factors.");
                await db.SaveChangesAsync(token);
                await secondFactors.ResetAsync(Target, SecurityActors.Admin(Actor.Id), token);
            },
            ct);
        TempData["Status"] = texts["UserEdit.SecondFactorsReset", Target.Email!].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Actor = await current.GetAsync() ?? throw new InvalidOperationException("The Staff policy lets only signed-in staff here.");
        if (await db.Users.FindAsync([id], ct) is not { } target)
        {
            return false;
        }

        Target = target;
        TargetHasSecondFactor = await secondFactors.HasAnyAsync(target.Id, ct);
        return true;
    }

    // A checkbox value that is not a boolean is a form error. Its raw value is dropped from the model state: the
    // checkbox tag helper would otherwise fail to read it back (a 500 that wrote the value into the error log).
    private void ReplaceUnreadableCheckboxes()
    {
        foreach (var key in new[] { "Input.IsActive", "Input.IsStaff", "Input.IsSuperuser" })
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.ValidationState == ModelValidationState.Invalid)
            {
                ModelState.Remove(key);
                ModelState.AddModelError(key, texts["UserEdit.CheckboxInvalid"]);
            }
        }
    }

    private void Validate()
    {
        if (DisplayNames.Problem((Input.DisplayName ?? "").Trim(), messages) is { } displayNameProblem)
        {
            ModelState.AddModelError("Input.DisplayName", displayNameProblem);
        }

        foreach (var (key, value) in new[] { ("Input.FirstName", Input.FirstName), ("Input.LastName", Input.LastName) })
        {
            if (value is not null && value.Length > ProfileRules.NameMaxLength)
            {
                ModelState.AddModelError(key, FieldMessages.TooLong(messages, ProfileRules.NameMaxLength));
            }
        }

        if (!ProfileRules.IsGender(Input.Gender))
        {
            ModelState.AddModelError("Input.Gender", ProfileRules.InvalidGenderChoiceForForm(messages, Input.Gender));
        }

        if (ProfileRules.IsInTheFuture(Input.DateOfBirth, time))
        {
            ModelState.AddModelError("Input.DateOfBirth", messages[ProfileRules.FutureDateOfBirth]);
        }

        if (Input.IsSuperuser != Target.IsSuperuser && !Actor.IsSuperuser)
        {
            ModelState.AddModelError("Input.IsSuperuser", texts["UserEdit.SuperuserOnlySuperuser"]);
        }

        if (Input.IsStaff && !Target.IsStaff && !UserRules.CanGrantStaff(Actor))
        {
            ModelState.AddModelError("Input.IsStaff", texts[UserRules.GrantStaffOnlyBySuperuser]);
        }

        if (IsSelf && !Input.IsActive)
        {
            ModelState.AddModelError("Input.IsActive", texts["UserEdit.CannotDeactivateSelf"]);
        }

        if (IsSelf && !Input.IsStaff)
        {
            ModelState.AddModelError("Input.IsStaff", texts["UserEdit.CannotRemoveOwnStaff"]);
        }
        else if (Input.IsSuperuser && !Input.IsStaff)
        {
            ModelState.AddModelError("Input.IsStaff", texts["UserEdit.SuperuserMustBeStaff"]);
        }
    }

    public sealed class UserInput
    {
        public const string ActiveLabel = "Active";

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? DisplayName { get; set; }

        public string? Gender { get; set; }

        public DateOnly? DateOfBirth { get; set; }

        public bool IsActive { get; set; }

        public bool IsStaff { get; set; }

        public bool IsSuperuser { get; set; }

        public static UserInput From(AppUser user) => new()
        {
            FirstName = user.FirstName,
            LastName = user.LastName,
            DisplayName = user.DisplayName,
            Gender = user.Gender,
            DateOfBirth = user.DateOfBirth,
            IsActive = user.IsActive,
            IsStaff = user.IsStaff,
            IsSuperuser = user.IsSuperuser,
        };

        // Copies the input onto the user; returns the labels of the fields that changed (Django's change message).
        public List<string> ApplyTo(AppUser user)
        {
            var changed = new List<string>();
            Set(user.FirstName, (FirstName ?? "").Trim(), v => user.FirstName = v, "First name");
            Set(user.LastName, (LastName ?? "").Trim(), v => user.LastName = v, "Last name");
            Set(user.DisplayName, (DisplayName ?? "").Trim(), v => user.DisplayName = v, "Display name");
            Set(user.Gender, Gender ?? "", v => user.Gender = v, "Gender");
            Set(user.DateOfBirth, DateOfBirth, v => user.DateOfBirth = v, "Date of birth");
            Set(user.IsActive, IsActive, v => user.IsActive = v, ActiveLabel);
            Set(user.IsStaff, IsStaff, v => user.IsStaff = v, "Staff status");
            Set(user.IsSuperuser, IsSuperuser, v => user.IsSuperuser = v, "Superuser status");
            return changed;

            void Set<T>(T current, T value, Action<T> apply, string label)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    apply(value);
                    changed.Add(label);
                }
            }
        }
    }
}
