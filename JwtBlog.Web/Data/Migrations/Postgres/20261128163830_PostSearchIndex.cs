using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtBlog.Web.Data.Migrations.Postgres
{
    // Hand-written, the PostgreSQL side of PostSearchIndex: a GIN index over the 'simple' text search vector of a
    // post's title and content (no stemming, lower case), the very expression PostSearch's queries use so that they
    // read it. PostSearch asks for every term as a prefix (to_tsquery 'term':*), so "안녕" finds "안녕하세요".
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261128163830_PostSearchIndex")]
    public partial class PostgresPostSearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Posts_Search" ON "Posts"
                USING GIN (to_tsvector('simple'::regconfig, "Title" || ' ' || "Content"));
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Posts_Search";""");
        }
    }
}
