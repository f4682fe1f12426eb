using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SealedSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sealed_secrets",
                schema: "mail",
                table: "outbox_email",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "pin",
                schema: "main",
                table: "managed_sessions",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(6)",
                oldFixedLength: true,
                oldMaxLength: 6);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sealed_secrets",
                schema: "mail",
                table: "outbox_email");

            migrationBuilder.AlterColumn<string>(
                name: "pin",
                schema: "main",
                table: "managed_sessions",
                type: "character(6)",
                fixedLength: true,
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");
        }
    }
}
