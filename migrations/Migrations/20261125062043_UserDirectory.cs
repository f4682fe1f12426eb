using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class UserDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mfa",
                schema: "users",
                table: "user_profile",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "off");

            migrationBuilder.AddColumn<string>(
                name: "status",
                schema: "users",
                table: "user_profile",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "CONFIRMED");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "temporary_password_expires",
                schema: "users",
                table: "user_profile",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "mfa",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "status",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "temporary_password_expires",
                schema: "users",
                table: "user_profile");
        }
    }
}
