using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BulkRowClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_until",
                schema: "main",
                table: "bulk_provisioning_row",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "claimed_until",
                schema: "main",
                table: "bulk_provisioning_row");
        }
    }
}
