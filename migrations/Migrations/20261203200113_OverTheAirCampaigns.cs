using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class OverTheAirCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ota_campaigns",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status_reason = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: true),
                    status_changed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recall_id = table.Column<int>(type: "integer", nullable: true),
                    rollback_of = table.Column<int>(type: "integer", nullable: true),
                    population_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    population_id = table.Column<int>(type: "integer", nullable: true),
                    population_component = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    population_count = table.Column<int>(type: "integer", nullable: false),
                    minimum_state_of_charge = table.Column<int>(type: "integer", nullable: false),
                    reported_within_hours = table.Column<int>(type: "integer", nullable: false),
                    dispatch_timeout_hours = table.Column<int>(type: "integer", nullable: false),
                    health_absolute_margin = table.Column<double>(type: "double precision", nullable: false),
                    health_relative_margin_percent = table.Column<int>(type: "integer", nullable: false),
                    health_minimum_sample = table.Column<int>(type: "integer", nullable: false),
                    current_wave = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ota_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "fk_ota_campaigns_ota_campaigns_rollback_of",
                        column: x => x.rollback_of,
                        principalSchema: "main",
                        principalTable: "ota_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ota_campaigns_recalls_recall_id",
                        column: x => x.recall_id,
                        principalSchema: "main",
                        principalTable: "recalls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ota_campaign_health_checks",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    wave = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_vehicles = table.Column<int>(type: "integer", nullable: false),
                    comparison_vehicles = table.Column<int>(type: "integer", nullable: false),
                    updated_alarms = table.Column<int>(type: "integer", nullable: false),
                    comparison_alarms = table.Column<int>(type: "integer", nullable: false),
                    updated_faults = table.Column<int>(type: "integer", nullable: false),
                    comparison_faults = table.Column<int>(type: "integer", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    verdict = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ota_campaign_health_checks", x => x.id);
                    table.ForeignKey(
                        name: "fk_ota_campaign_health_checks_ota_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalSchema: "main",
                        principalTable: "ota_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ota_campaign_targets",
                schema: "main",
                columns: table => new
                {
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    component = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    firmware_release_id = table.Column<int>(type: "integer", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ota_campaign_targets", x => new { x.campaign_id, x.component });
                    table.ForeignKey(
                        name: "fk_ota_campaign_targets_firmware_release_firmware_release_id",
                        column: x => x.firmware_release_id,
                        principalSchema: "main",
                        principalTable: "firmware_release",
                        principalColumn: "firmware_release_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ota_campaign_targets_ota_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalSchema: "main",
                        principalTable: "ota_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ota_campaign_transitions",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    wave = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ota_campaign_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_ota_campaign_transitions_ota_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalSchema: "main",
                        principalTable: "ota_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ota_campaign_vehicles",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    wave = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    dispatched = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_report = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    installed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ota_campaign_vehicles", x => x.id);
                    table.ForeignKey(
                        name: "fk_ota_campaign_vehicles_ota_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalSchema: "main",
                        principalTable: "ota_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ota_campaign_waves",
                schema: "main",
                columns: table => new
                {
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    wave_index = table.Column<int>(type: "integer", nullable: false),
                    percent = table.Column<int>(type: "integer", nullable: true),
                    fleet_id = table.Column<int>(type: "integer", nullable: true),
                    success_threshold = table.Column<int>(type: "integer", nullable: false),
                    soak_minutes = table.Column<int>(type: "integer", nullable: false),
                    vehicle_count = table.Column<int>(type: "integer", nullable: false),
                    started = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    threshold_met = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    health_accepted = table.Column<bool>(type: "boolean", nullable: false),
                    completed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ota_campaign_waves", x => new { x.campaign_id, x.wave_index });
                    table.ForeignKey(
                        name: "fk_ota_campaign_waves_ota_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalSchema: "main",
                        principalTable: "ota_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaign_health_checks_campaign_id_at",
                schema: "main",
                table: "ota_campaign_health_checks",
                columns: new[] { "campaign_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaign_targets_firmware_release_id",
                schema: "main",
                table: "ota_campaign_targets",
                column: "firmware_release_id");

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaign_transitions_campaign_id_at",
                schema: "main",
                table: "ota_campaign_transitions",
                columns: new[] { "campaign_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaign_vehicles_campaign_id_vin",
                schema: "main",
                table: "ota_campaign_vehicles",
                columns: new[] { "campaign_id", "vin" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaign_vehicles_campaign_id_wave_status",
                schema: "main",
                table: "ota_campaign_vehicles",
                columns: new[] { "campaign_id", "wave", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaign_vehicles_vin_status",
                schema: "main",
                table: "ota_campaign_vehicles",
                columns: new[] { "vin", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaigns_recall_id",
                schema: "main",
                table: "ota_campaigns",
                column: "recall_id");

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaigns_rollback_of",
                schema: "main",
                table: "ota_campaigns",
                column: "rollback_of");

            migrationBuilder.CreateIndex(
                name: "ix_ota_campaigns_status_created",
                schema: "main",
                table: "ota_campaigns",
                columns: new[] { "status", "created" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ota_campaign_health_checks",
                schema: "main");

            migrationBuilder.DropTable(
                name: "ota_campaign_targets",
                schema: "main");

            migrationBuilder.DropTable(
                name: "ota_campaign_transitions",
                schema: "main");

            migrationBuilder.DropTable(
                name: "ota_campaign_vehicles",
                schema: "main");

            migrationBuilder.DropTable(
                name: "ota_campaign_waves",
                schema: "main");

            migrationBuilder.DropTable(
                name: "ota_campaigns",
                schema: "main");
        }
    }
}
