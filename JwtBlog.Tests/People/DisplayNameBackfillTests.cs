using JwtBlog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace JwtBlog.Tests.People;

public sealed class DisplayNameBackfillTests
{
    [Fact]
    public async Task UsersFromBeforeDisplayNamesGetTheDefaultWhenTheDatabaseIsMigrated()
    {
        await using var app = new JwtBlogApp();
        var named = await app.CreateUserAsync();
        var plain = await app.CreateUserAsync();
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == named.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.FirstName, " Ann ").SetProperty(x => x.LastName, "Lee"));
            var beforeBackfill = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_BackfillDisplayNames", StringComparison.Ordinal)).Last();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(beforeBackfill);
            Assert.Equal(0, await db.Users.CountAsync(u => u.DisplayName != ""));
            await migrator.MigrateAsync();
        });

        Assert.Equal("Ann Lee", (await app.ReloadAsync(named)).DisplayName);
        Assert.Equal(plain.Email![..plain.Email!.IndexOf('@', StringComparison.Ordinal)], (await app.ReloadAsync(plain)).DisplayName);
    }
}
