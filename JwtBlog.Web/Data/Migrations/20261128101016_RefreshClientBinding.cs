using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JwtBlog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RefreshClientBinding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsumedByUserAgentHash",
                table: "RefreshTokens",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsumedFromAddressPrefix",
                table: "RefreshTokens",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConsumedByUserAgentHash",
                table: "RefreshTokens");

            migrationBuilder.DropColumn(
                name: "ConsumedFromAddressPrefix",
                table: "RefreshTokens");
        }
    }
}
