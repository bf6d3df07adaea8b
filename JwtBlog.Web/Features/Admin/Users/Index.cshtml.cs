using System.Globalization;
using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Admin.Users;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public static readonly string[] Sorts = ["-joined", "joined", "email", "-email"];

    [FromQuery] public string? Q { get; set; }
    [FromQuery] public bool? Active { get; set; }
    [FromQuery] public bool? Staff { get; set; }
    [FromQuery] public bool? Superuser { get; set; }
    [FromQuery] public bool? Verified { get; set; }
    [FromQuery] public string? Sort { get; set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public PagerLinks Pager { get; private set; } = new(null, null);

    public async Task OnGetAsync(string? after, string? before, CancellationToken ct)
    {
        var sort = Sort = Sorts.Contains(Sort) ? Sort! : Sorts[0];
        var (rows, hasPrevious, hasNext) = await Keyset.PageAsync(
            PageCursor.Decode(after, sort), PageCursor.Decode(before, sort), (cursor, backwards) => FetchAsync(cursor, backwards, ct));
        Rows = rows;
        Pager = new PagerLinks(
            hasPrevious && rows.Count > 0 ? Link("before", CursorOf(rows[0])) : null,
            hasNext && rows.Count > 0 ? Link("after", CursorOf(rows[^1])) : null);
    }

    private async Task<List<UserRow>> FetchAsync(PageCursor? cursor, bool backwards, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        foreach (var term in Keyset.SearchTerms(Q))
        {
            var pattern = Keyset.Contains(term);
            // SQLite's LIKE ignores letter case; PostgreSQL's does not, ILIKE does.
            users = db.Database.IsSqlite()
                ? users.Where(u => EF.Functions.Like(u.Email!, pattern, "\\")
                    || EF.Functions.Like(u.FirstName, pattern, "\\") || EF.Functions.Like(u.LastName, pattern, "\\"))
                : users.Where(u => EF.Functions.ILike(u.Email!, pattern, "\\")
                    || EF.Functions.ILike(u.FirstName, pattern, "\\") || EF.Functions.ILike(u.LastName, pattern, "\\"));
        }

        if (Active is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        if (Staff is { } staff)
        {
            users = users.Where(u => u.IsStaff == staff);
        }

        if (Superuser is { } superuser)
        {
            users = users.Where(u => u.IsSuperuser == superuser);
        }

        if (Verified is { } verified)
        {
            users = users.Where(u => u.EmailConfirmed == verified);
        }

        // The list is ordered by (key, Id), descending for "-"; reading backwards flips it.
        var descending = Sort!.StartsWith('-') != backwards;
        users = Sort.EndsWith("email", StringComparison.Ordinal)
            ? SeekByEmail(users, cursor, descending)
            : SeekByDateJoined(users, cursor, descending);
        return await users.Take(Keyset.PageSize + 1)
            .Select(u => new UserRow(u.Id, u.Email!, u.NormalizedEmail!, u.FirstName, u.LastName, u.IsActive, u.IsStaff, u.IsSuperuser, u.EmailConfirmed, u.DateJoined, u.LastLogin))
            .ToListAsync(ct);
    }

    // "key <= k AND (key < k OR id < i)": the first part is an index range, the second trims the cursor's own key.
    private static IQueryable<AppUser> SeekByDateJoined(IQueryable<AppUser> users, PageCursor? cursor, bool descending)
    {
        if (cursor is not null && long.TryParse(cursor.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks)
        {
            var (key, id) = (new DateTime(ticks, DateTimeKind.Utc), cursor.Id);
            users = descending
                ? users.Where(u => u.DateJoined <= key && (u.DateJoined < key || u.Id < id))
                : users.Where(u => u.DateJoined >= key && (u.DateJoined > key || u.Id > id));
        }

        return descending
            ? users.OrderByDescending(u => u.DateJoined).ThenByDescending(u => u.Id)
            : users.OrderBy(u => u.DateJoined).ThenBy(u => u.Id);
    }

    // Sorted on the indexed NormalizedEmail (upper-cased), so the order ignores letter case.
    private static IQueryable<AppUser> SeekByEmail(IQueryable<AppUser> users, PageCursor? cursor, bool descending)
    {
        if (cursor is not null)
        {
            var (key, id) = (cursor.Key, cursor.Id);
            users = descending
                ? users.Where(u => u.NormalizedEmail!.CompareTo(key) <= 0 && (u.NormalizedEmail!.CompareTo(key) < 0 || u.Id < id))
                : users.Where(u => u.NormalizedEmail!.CompareTo(key) >= 0 && (u.NormalizedEmail!.CompareTo(key) > 0 || u.Id > id));
        }

        return descending
            ? users.OrderByDescending(u => u.NormalizedEmail).ThenByDescending(u => u.Id)
            : users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id);
    }

    private PageCursor CursorOf(UserRow row) => new(
        Sort!,
        Sort!.EndsWith("email", StringComparison.Ordinal) ? row.NormalizedEmail : row.DateJoined.Ticks.ToString(CultureInfo.InvariantCulture),
        row.Id);

    // The list's address with its search, filters and sort, plus any changes.
    public string Link(params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["active"] = Format(Active),
            ["staff"] = Format(Staff),
            ["superuser"] = Format(Superuser),
            ["verified"] = Format(Verified),
            ["sort"] = Sort == Sorts[0] ? null : Sort,
        };
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }

        return "/admin/users" + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private string Link(string direction, PageCursor cursor) => Link((direction, cursor.Encode()));

    private static string? Format(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    public sealed record UserRow(
        int Id, string Email, string NormalizedEmail, string FirstName, string LastName,
        bool IsActive, bool IsStaff, bool IsSuperuser, bool EmailVerified, DateTime DateJoined, DateTime? LastLogin);
}
