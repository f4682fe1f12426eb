using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class OverTheAirRemedies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ota_component",
                schema: "main",
                table: "vehicle_recalls",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ota_hash",
                schema: "main",
                table: "vehicle_recalls",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ota_reported_at",
                schema: "main",
                table: "vehicle_recalls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ota_source",
                schema: "main",
                table: "vehicle_recalls",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "firmware_component",
                schema: "main",
                table: "recall_remedies",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "firmware_hash",
                schema: "main",
                table: "recall_remedies",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_vehicle_recalls_ota_evidence",
                schema: "main",
                table: "vehicle_recalls",
                sql: "(ota_hash IS NULL) = (ota_component IS NULL) AND (ota_hash IS NULL) = (ota_reported_at IS NULL) AND (ota_hash IS NULL) = (ota_source IS NULL) AND (ota_hash IS NULL OR status = 'Remedied')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_recall_remedies_firmware",
                schema: "main",
                table: "recall_remedies",
                sql: "(firmware_component IS NULL) = (firmware_hash IS NULL) AND (firmware_component IS NULL OR type <> 'DealerRepair')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_vehicle_recalls_ota_evidence",
                schema: "main",
                table: "vehicle_recalls");

            migrationBuilder.DropCheckConstraint(
                name: "ck_recall_remedies_firmware",
                schema: "main",
                table: "recall_remedies");

            migrationBuilder.DropColumn(
                name: "ota_component",
                schema: "main",
                table: "vehicle_recalls");

            migrationBuilder.DropColumn(
                name: "ota_hash",
                schema: "main",
                table: "vehicle_recalls");

            migrationBuilder.DropColumn(
                name: "ota_reported_at",
                schema: "main",
                table: "vehicle_recalls");

            migrationBuilder.DropColumn(
                name: "ota_source",
                schema: "main",
                table: "vehicle_recalls");

            migrationBuilder.DropColumn(
                name: "firmware_component",
                schema: "main",
                table: "recall_remedies");

            migrationBuilder.DropColumn(
                name: "firmware_hash",
                schema: "main",
                table: "recall_remedies");
        }
    }
}
