using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "main",
                table: "vehicle",
                type: "xid",
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "users",
                table: "user_profile",
                type: "xid",
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "users",
                table: "user_group",
                type: "xid",
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "authkey",
                table: "authority_keys",
                type: "xid",
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "main",
                table: "vehicle");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "users",
                table: "user_group");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "authkey",
                table: "authority_keys");
        }
    }
}
