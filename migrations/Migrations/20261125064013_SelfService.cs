using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reset_code_attempts",
                schema: "users",
                table: "user_profile",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reset_code_expires",
                schema: "users",
                table: "user_profile",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reset_code_hash",
                schema: "users",
                table: "user_profile",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "totp_ciphertext",
                schema: "users",
                table: "user_profile",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "totp_device",
                schema: "users",
                table: "user_profile",
                type: "character varying(25)",
                maxLength: 25,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "totp_enabled",
                schema: "users",
                table: "user_profile",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "totp_key_reference",
                schema: "users",
                table: "user_profile",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "totp_last_counter",
                schema: "users",
                table: "user_profile",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "reset_code_attempts",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "reset_code_expires",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "reset_code_hash",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_ciphertext",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_device",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_enabled",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_key_reference",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_last_counter",
                schema: "users",
                table: "user_profile");
        }
    }
}
