using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LatestTelemetry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "vehicle_latest_telemetry",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    soc = table.Column<double>(type: "double precision", nullable: true),
                    soc_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    odometer_km = table.Column<double>(type: "double precision", nullable: true),
                    odometer_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    latitude_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    speed_kmh = table.Column<double>(type: "double precision", nullable: true),
                    speed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pack_current_a = table.Column<double>(type: "double precision", nullable: true),
                    pack_current_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_latest_telemetry", x => x.vin);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "vehicle_latest_telemetry",
                schema: "main");
        }
    }
}
