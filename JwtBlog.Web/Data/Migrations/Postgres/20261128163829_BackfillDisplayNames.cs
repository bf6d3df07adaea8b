using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtBlog.Web.Data.Migrations.Postgres
{
    // Hand-written, the PostgreSQL twin of BackfillDisplayNames: users who joined before display names get the default
    // new users get (DisplayNames.Default): first + last name, else the part of the email before "@", at most 50
    // characters.
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261128163829_BackfillDisplayNames")]
    public partial class PostgresBackfillDisplayNames : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Users" SET "DisplayName" = trim(left(
                    CASE WHEN trim(trim("FirstName") || ' ' || trim("LastName")) <> ''
                         THEN trim(trim("FirstName") || ' ' || trim("LastName"))
                         ELSE trim(split_part(coalesce("Email", ''), '@', 1)) END, 50))
                WHERE "DisplayName" = '';
                """);
            migrationBuilder.Sql("""UPDATE "Users" SET "DisplayName" = 'user ' || "Id" WHERE "DisplayName" = '';""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "Users" SET "DisplayName" = '';""");
        }
    }
}
