using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class TelemetryDefinitionsAndShadowRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "byte_list",
                schema: "telemetry",
                table: "point_definition",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pending_shadow_publish",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    first_failed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_shadow_publish", x => x.vin);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pending_shadow_publish_next_attempt",
                schema: "main",
                table: "pending_shadow_publish",
                column: "next_attempt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_shadow_publish",
                schema: "main");

            migrationBuilder.DropColumn(
                name: "byte_list",
                schema: "telemetry",
                table: "point_definition");
        }
    }
}
