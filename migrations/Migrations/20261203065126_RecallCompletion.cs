using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RecallCompletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recall_quarter_reports",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recall_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    involved = table.Column<int>(type: "integer", nullable: false),
                    remedied = table.Column<int>(type: "integer", nullable: false),
                    inspected = table.Column<int>(type: "integer", nullable: false),
                    open = table.Column<int>(type: "integer", nullable: false),
                    exported = table.Column<int>(type: "integer", nullable: false),
                    stolen = table.Column<int>(type: "integer", nullable: false),
                    scrapped = table.Column<int>(type: "integer", nullable: false),
                    owner_unknown = table.Column<int>(type: "integer", nullable: false),
                    other_reason = table.Column<int>(type: "integer", nullable: false),
                    removed = table.Column<int>(type: "integer", nullable: false),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    generated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signed_off_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_off_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recall_quarter_reports", x => x.id);
                    table.CheckConstraint("ck_recall_quarter_reports_quarter", "quarter BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "fk_recall_quarter_reports_recalls_recall_id",
                        column: x => x.recall_id,
                        principalSchema: "main",
                        principalTable: "recalls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_recall_events",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recall_id = table.Column<int>(type: "integer", nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unreachable_reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_recall_events", x => x.id);
                    table.CheckConstraint("ck_vehicle_recall_events_reason", "(state = 'Unreachable') = (unreachable_reason IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_vehicle_recall_events_recalls_recall_id",
                        column: x => x.recall_id,
                        principalSchema: "main",
                        principalTable: "recalls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recall_quarter_reports_recall_id_year_quarter",
                schema: "main",
                table: "recall_quarter_reports",
                columns: new[] { "recall_id", "year", "quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_recall_events_recall_id_effective_on",
                schema: "main",
                table: "vehicle_recall_events",
                columns: new[] { "recall_id", "effective_on" });

            // Entries made before the history existed: each was added (open) when it was, and a later status stands from
            // its service date, or else from its last change (decision 0041).
            migrationBuilder.Sql("""
                INSERT INTO main.vehicle_recall_events (recall_id, vin, state, unreachable_reason, effective_on, recorded_at, recorded_by)
                SELECT recall_id, vin, 'Open', NULL, (added_at AT TIME ZONE 'UTC')::date, added_at, added_by
                FROM main.vehicle_recalls;
                INSERT INTO main.vehicle_recall_events (recall_id, vin, state, unreachable_reason, effective_on, recorded_at, recorded_by)
                SELECT recall_id, vin, status, unreachable_reason,
                       GREATEST(COALESCE(service_date, (changed_at AT TIME ZONE 'UTC')::date), (added_at AT TIME ZONE 'UTC')::date),
                       COALESCE(changed_at, added_at), COALESCE(changed_by, added_by)
                FROM main.vehicle_recalls WHERE status <> 'Open';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recall_quarter_reports",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_recall_events",
                schema: "main");
        }
    }
}
