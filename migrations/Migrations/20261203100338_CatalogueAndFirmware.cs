using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueAndFirmware : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "current",
                schema: "main",
                table: "vehicle_part_types",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            // The legacy single inverter is kept for old releases; new releases list the left and right inverters.
            migrationBuilder.Sql("UPDATE main.vehicle_part_types SET current = false WHERE part_type IN ('Inverters', 'Inverters (legacy)');");

            migrationBuilder.CreateTable(
                name: "firmware_components",
                schema: "main",
                columns: table => new
                {
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    firmware_component = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_firmware_components", x => new { x.part_type, x.firmware_component });
                    table.ForeignKey(
                        name: "fk_firmware_components_vehicle_part_types_part_type",
                        column: x => x.part_type,
                        principalSchema: "main",
                        principalTable: "vehicle_part_types",
                        principalColumn: "part_type",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "firmware_release",
                schema: "main",
                columns: table => new
                {
                    firmware_release_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    firmware_component = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    committed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_firmware_release", x => x.firmware_release_id);
                    table.ForeignKey(
                        name: "fk_firmware_release_vehicle_part_types_part_type",
                        column: x => x.part_type,
                        principalSchema: "main",
                        principalTable: "vehicle_part_types",
                        principalColumn: "part_type",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "firmware_versions",
                schema: "main",
                columns: table => new
                {
                    firmware_component = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_firmware_versions", x => new { x.firmware_component, x.hash });
                });

            migrationBuilder.CreateTable(
                name: "vehicle_parts",
                schema: "main",
                columns: table => new
                {
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    part_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_parts", x => new { x.part_type, x.part_number });
                    table.ForeignKey(
                        name: "fk_vehicle_parts_vehicle_part_types_part_type",
                        column: x => x.part_type,
                        principalSchema: "main",
                        principalTable: "vehicle_part_types",
                        principalColumn: "part_type",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_quality_inspections",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vin = table.Column<string>(type: "character varying(40)", nullable: false),
                    inspector = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    inspected = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    firmware_up_to_date = table.Column<bool>(type: "boolean", nullable: false),
                    outdated_components = table.Column<string>(type: "text", nullable: false),
                    remarks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_quality_inspections", x => x.id);
                    table.ForeignKey(
                        name: "fk_vehicle_quality_inspections_vehicle_vin",
                        column: x => x.vin,
                        principalSchema: "main",
                        principalTable: "vehicle",
                        principalColumn: "vin",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_firmware_installed",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "character varying(40)", nullable: false),
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    firmware_component = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    firmware_release_id = table.Column<int>(type: "integer", nullable: true),
                    installed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_firmware_installed", x => new { x.vin, x.part_type, x.firmware_component });
                    table.ForeignKey(
                        name: "fk_vehicle_firmware_installed_firmware_release_firmware_releas",
                        column: x => x.firmware_release_id,
                        principalSchema: "main",
                        principalTable: "firmware_release",
                        principalColumn: "firmware_release_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_vehicle_firmware_installed_vehicle_part_types_part_type",
                        column: x => x.part_type,
                        principalSchema: "main",
                        principalTable: "vehicle_part_types",
                        principalColumn: "part_type",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_vehicle_firmware_installed_vehicle_vin",
                        column: x => x.vin,
                        principalSchema: "main",
                        principalTable: "vehicle",
                        principalColumn: "vin",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_model_letter_code",
                schema: "main",
                table: "vehicle_model",
                column: "letter_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_firmware_release_firmware_component_created",
                schema: "main",
                table: "firmware_release",
                columns: new[] { "firmware_component", "created" });

            migrationBuilder.CreateIndex(
                name: "ix_firmware_release_part_type_firmware_component_hash",
                schema: "main",
                table: "firmware_release",
                columns: new[] { "part_type", "firmware_component", "hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_firmware_installed_firmware_release_id",
                schema: "main",
                table: "vehicle_firmware_installed",
                column: "firmware_release_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_firmware_installed_part_type",
                schema: "main",
                table: "vehicle_firmware_installed",
                column: "part_type");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_quality_inspections_vin_inspected",
                schema: "main",
                table: "vehicle_quality_inspections",
                columns: new[] { "vin", "inspected" });

            // The part catalogue starts with every number the existing releases use.
            migrationBuilder.Sql("INSERT INTO main.vehicle_parts (part_type, part_number, created) SELECT DISTINCT part_type, part_number, now() FROM main.vehicle_model_parts ON CONFLICT DO NOTHING;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "firmware_components",
                schema: "main");

            migrationBuilder.DropTable(
                name: "firmware_versions",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_firmware_installed",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_parts",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_quality_inspections",
                schema: "main");

            migrationBuilder.DropTable(
                name: "firmware_release",
                schema: "main");

            migrationBuilder.DropIndex(
                name: "ix_vehicle_model_letter_code",
                schema: "main",
                table: "vehicle_model");

            migrationBuilder.DropColumn(
                name: "current",
                schema: "main",
                table: "vehicle_part_types");
        }
    }
}
