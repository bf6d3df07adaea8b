using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtBlog.Web.Data.Migrations
{
    // Hand-written: users who joined before display names get the default new users get (DisplayNames.Default):
    // first + last name, else the part of the email before "@", at most 50 characters.
    [DbContext(typeof(AppDbContext))]
    [Migration("20261128162913_BackfillDisplayNames")]
    public partial class BackfillDisplayNames : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE Users SET DisplayName = trim(substr(
                    CASE WHEN trim(trim(FirstName) || ' ' || trim(LastName)) <> ''
                         THEN trim(trim(FirstName) || ' ' || trim(LastName))
                         ELSE trim(substr(Email, 1, instr(Email, '@') - 1)) END, 1, 50))
                WHERE DisplayName = '';
                """);
            migrationBuilder.Sql("UPDATE Users SET DisplayName = 'user ' || Id WHERE DisplayName = '';");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE Users SET DisplayName = '';");
        }
    }
}
