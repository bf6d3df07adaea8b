using AngleSharp.Html.Dom;
using JwtBlog.Tests.Infrastructure;
using JwtBlog.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Tests.Admin;

public sealed class AdminUserListTests(JwtBlogApp app) : IClassFixture<JwtBlogApp>
{
    [Fact]
    public async Task TheListShowsEmailNamesFlagsDateJoinedAndLastLogin()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var user = await CreateUserAsync(marker, first: "Alice", last: "Kim " + marker, staff: true);

        var page = await Html.GetDocumentAsync(staff.Client, $"/admin/users?q={marker}");

        var row = Assert.Single(page.QuerySelectorAll("#users tbody tr"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal([user.Email!, "Alice", "Kim " + marker, "yes", "yes", "no", "no"], cells[..7]);
        Assert.Equal("just now", cells[7]);
        Assert.Equal("never", cells[8]);
        Assert.Equal($"/admin/users/{user.Id}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SearchMatchesEmailAndNamesIgnoringCaseAndEveryTermMustMatch()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var alice = await CreateUserAsync(marker, first: "Alice", last: "Kim");
        var bob = await CreateUserAsync(marker, first: "Bob", last: "Kimball");
        await CreateUserAsync(marker, first: "Carol", last: "Lee");

        Assert.Equal([alice.Id], await IdsAsync(staff, $"/admin/users?q=ALICE+{marker}"));
        Assert.Equal([bob.Id, alice.Id], await IdsAsync(staff, $"/admin/users?q=kim+{marker}"));
        Assert.Equal([alice.Id], await IdsAsync(staff, $"/admin/users?q={Uri.EscapeDataString(alice.Email!.ToUpperInvariant())}"));
        Assert.Empty(await IdsAsync(staff, $"/admin/users?q=alice+bob+{marker}"));
    }

    [Fact]
    public async Task SearchTakesPercentAndUnderscoreLiterally()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var percent = await CreateUserAsync(marker, first: "100%");
        await CreateUserAsync(marker, first: "1000");

        Assert.Equal([percent.Id], await IdsAsync(staff, $"/admin/users?q={marker}+{Uri.EscapeDataString("0%")}"));
        Assert.Empty(await IdsAsync(staff, $"/admin/users?q={marker}+_00_"));
    }

    [Fact]
    public async Task FiltersNarrowTheListByActiveStaffAndSuperuser()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var plain = await CreateUserAsync(marker);
        var inactive = await CreateUserAsync(marker, active: false);
        var colleague = await CreateUserAsync(marker, staff: true);
        var superuser = await CreateUserAsync(marker, superuser: true);

        Assert.Equal([inactive.Id], await IdsAsync(staff, $"/admin/users?q={marker}&active=false"));
        Assert.Equal([superuser.Id, colleague.Id], await IdsAsync(staff, $"/admin/users?q={marker}&staff=true"));
        Assert.Equal([superuser.Id], await IdsAsync(staff, $"/admin/users?q={marker}&superuser=true"));
        Assert.Equal([colleague.Id], await IdsAsync(staff, $"/admin/users?q={marker}&staff=true&superuser=false"));
        Assert.Equal([inactive.Id, plain.Id], await IdsAsync(staff, $"/admin/users?q={marker}&staff=false"));
    }

    [Fact]
    public async Task TheSearchFormKeepsItsValuesAndSubmitsTheFilters()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var colleague = await CreateUserAsync(marker, staff: true);
        await CreateUserAsync(marker);

        var page = await Html.GetDocumentAsync(staff.Client, "/admin/users");
        var response = await staff.Client.SubmitAsync(Html.Form(page, "#user-search"), new Dictionary<string, string> { ["q"] = marker, ["staff"] = "true" });
        var result = await Html.ParseAsync(response);

        Assert.Equal([colleague.Id], Ids(result));
        Assert.Equal(marker, ((IHtmlInputElement)result.QuerySelector("#q")!).Value);
        Assert.Equal("true", ((IHtmlSelectElement)result.QuerySelector("#filter-staff")!).Value);
    }

    [Fact]
    public async Task TheListSortsByDateJoinedNewestFirstByDefaultAndByEmailOnRequest()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var b = await CreateUserAsync(marker, prefix: "b", joined: start);
        var c = await CreateUserAsync(marker, prefix: "C", joined: start.AddDays(2));
        var a = await CreateUserAsync(marker, prefix: "a", joined: start.AddDays(1));

        Assert.Equal([c.Id, a.Id, b.Id], await IdsAsync(staff, $"/admin/users?q={marker}"));
        Assert.Equal([b.Id, a.Id, c.Id], await IdsAsync(staff, $"/admin/users?q={marker}&sort=joined"));
        Assert.Equal([a.Id, b.Id, c.Id], await IdsAsync(staff, $"/admin/users?q={marker}&sort=email"));
        Assert.Equal([c.Id, b.Id, a.Id], await IdsAsync(staff, $"/admin/users?q={marker}&sort=-email"));

        // The column headers switch the order and keep the search.
        var page = await Html.GetDocumentAsync(staff.Client, $"/admin/users?q={marker}");
        var byEmail = page.QuerySelector("#sort-email")!.GetAttribute("href")!;
        Assert.Equal([a.Id, b.Id, c.Id], await IdsAsync(staff, byEmail));
        var byEmailPage = await Html.GetDocumentAsync(staff.Client, byEmail);
        Assert.Equal([c.Id, b.Id, a.Id], await IdsAsync(staff, byEmailPage.QuerySelector("#sort-email")!.GetAttribute("href")!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&sort=joined")]
    [InlineData("&sort=email")]
    [InlineData("&sort=-email")]
    public async Task NextAndPreviousLinksWalkEveryUserOnceInOrderFiftyAPage(string sort)
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var start = new DateTime(2021, 6, 1, 0, 0, 0, DateTimeKind.Utc);

        // Many users share a join time, so the id must break ties across page edges.
        var users = Enumerable.Range(0, 120)
            .Select(i => new AppUser { Email = app.NewEmail($"u{i % 7}-{marker}-"), DateJoined = start.AddHours(i / 4) })
            .ToList();
        await app.InsertUsersAsync(users);

        var expected = sort switch
        {
            "&sort=joined" => users.OrderBy(u => u.DateJoined).ThenBy(u => u.Id),
            "&sort=email" => users.OrderBy(u => u.NormalizedEmail, StringComparer.Ordinal).ThenBy(u => u.Id),
            "&sort=-email" => users.OrderByDescending(u => u.NormalizedEmail, StringComparer.Ordinal).ThenByDescending(u => u.Id),
            _ => users.OrderByDescending(u => u.DateJoined).ThenByDescending(u => u.Id),
        };
        var expectedIds = expected.Select(u => u.Id).ToList();

        var pages = new List<List<int>>();
        var url = $"/admin/users?q={marker}{sort}";
        IHtmlDocument page;
        while (true)
        {
            page = await Html.GetDocumentAsync(staff.Client, url);
            pages.Add(Ids(page));
            Assert.Equal(pages.Count > 1, page.QuerySelector("#pager-previous") is not null);
            if (page.QuerySelector("#pager-next") is not { } next)
            {
                break;
            }

            url = next.GetAttribute("href")!;
            Assert.Contains($"q={marker}", url, StringComparison.Ordinal);
        }

        Assert.Equal([50, 50, 20], pages.Select(p => p.Count));
        Assert.Equal(expectedIds, pages.SelectMany(p => p));

        // And back again, page by page.
        for (var i = pages.Count - 2; i >= 0; i--)
        {
            page = await Html.GetDocumentAsync(staff.Client, page.QuerySelector("#pager-previous")!.GetAttribute("href")!);
            Assert.Equal(pages[i], Ids(page));
        }

        Assert.Null(page.QuerySelector("#pager-previous"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("bm90IGEgY3Vyc29y")]
    [InlineData("%2B%2B%2B")]
    public async Task ABadCursorShowsTheFirstPage(string cursor)
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        var user = await CreateUserAsync(marker);

        Assert.Equal([user.Id], await IdsAsync(staff, $"/admin/users?q={marker}&after={cursor}"));
        Assert.Equal([user.Id], await IdsAsync(staff, $"/admin/users?q={marker}&before={cursor}"));
    }

    [Fact]
    public async Task ACursorOfAnotherSortOrderIsIgnored()
    {
        var staff = await app.SignInStaffAsync();
        var marker = Marker();
        await app.InsertUsersAsync(Enumerable.Range(0, 51).Select(_ => new AppUser { Email = app.NewEmail($"user-{marker}-") }).ToList());

        var page = await Html.GetDocumentAsync(staff.Client, $"/admin/users?q={marker}");
        var next = page.QuerySelector("#pager-next")!.GetAttribute("href")!;
        var first = await IdsAsync(staff, $"/admin/users?q={marker}&sort=email");

        Assert.Equal(first, await IdsAsync(staff, next.Replace($"q={marker}", $"q={marker}&sort=email", StringComparison.Ordinal)));
    }

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..12];

    private async Task<AppUser> CreateUserAsync(
        string marker, string prefix = "user", string first = "", string last = "", bool staff = false, bool superuser = false,
        bool active = true, DateTime? joined = null)
    {
        var user = await app.CreateUserAsync(app.NewEmail($"{prefix}-{marker}-"), staff: staff, superuser: superuser, active: active);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FirstName, first)
            .SetProperty(u => u.LastName, last)
            .SetProperty(u => u.DateJoined, joined ?? user.DateJoined)));
        user.DateJoined = joined ?? user.DateJoined;
        return user;
    }

    private static async Task<List<int>> IdsAsync(SignedInClient client, string url) => Ids(await Html.GetDocumentAsync(client.Client, url));

    private static List<int> Ids(IHtmlDocument page) =>
        page.QuerySelectorAll("#users tbody tr").Select(r => int.Parse(r.GetAttribute("data-user-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
