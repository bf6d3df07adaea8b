using JwtBlog.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtBlog.Web.Data.Migrations
{
    // Written by hand: the model cannot express an FTS5 table. PostsSearch indexes the titles and contents of Posts
    // (an external-content table: the text is stored once, in Posts), kept in step by triggers, filled here from the
    // posts that already exist. unicode61 folds case and removes diacritics; PostSearch asks for every term as a
    // prefix, so "안녕" finds "안녕하세요" (see PostSearch for why not trigram). The prefix indexes keep one- and
    // two-character prefixes fast.
    [DbContext(typeof(AppDbContext))]
    [Migration("20261128162914_PostSearchIndex")]
    public partial class PostSearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE PostsSearch USING fts5(
                    Title, Content, content='Posts', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2', prefix='1 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Posts_SearchInsert AFTER INSERT ON Posts BEGIN
                    INSERT INTO PostsSearch (rowid, Title, Content) VALUES (new.Id, new.Title, new.Content);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Posts_SearchDelete AFTER DELETE ON Posts BEGIN
                    INSERT INTO PostsSearch (PostsSearch, rowid, Title, Content) VALUES ('delete', old.Id, old.Title, old.Content);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Posts_SearchUpdate AFTER UPDATE OF Title, Content ON Posts BEGIN
                    INSERT INTO PostsSearch (PostsSearch, rowid, Title, Content) VALUES ('delete', old.Id, old.Title, old.Content);
                    INSERT INTO PostsSearch (rowid, Title, Content) VALUES (new.Id, new.Title, new.Content);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO PostsSearch (PostsSearch) VALUES ('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER Posts_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER Posts_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER Posts_SearchInsert;");
            migrationBuilder.Sql("DROP TABLE PostsSearch;");
        }
    }
}
