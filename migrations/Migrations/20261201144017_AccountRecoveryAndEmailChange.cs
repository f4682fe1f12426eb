using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AccountRecoveryAndEmailChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "pending_email",
                schema: "users",
                table: "user_profile",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pending_email_attempts",
                schema: "users",
                table: "user_profile",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "pending_email_code_hash",
                schema: "users",
                table: "user_profile",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "pending_email_expires",
                schema: "users",
                table: "user_profile",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reset_failures",
                schema: "users",
                table: "user_profile",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reset_locked_until",
                schema: "users",
                table: "user_profile",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "pending_email",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "pending_email_attempts",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "pending_email_code_hash",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "pending_email_expires",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "reset_failures",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "reset_locked_until",
                schema: "users",
                table: "user_profile");
        }
    }
}
