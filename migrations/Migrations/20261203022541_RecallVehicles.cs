using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RecallVehicles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "vehicle_recalls",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recall_id = table.Column<int>(type: "integer", nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    service_date = table.Column<DateOnly>(type: "date", nullable: true),
                    service_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    unreachable_reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    reason_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    added_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_recalls", x => x.id);
                    table.CheckConstraint("ck_vehicle_recalls_service_date", "(status IN ('Remedied', 'Inspected')) = (service_date IS NOT NULL)");
                    table.CheckConstraint("ck_vehicle_recalls_unreachable_reason", "(status = 'Unreachable') = (unreachable_reason IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_vehicle_recalls_recalls_recall_id",
                        column: x => x.recall_id,
                        principalSchema: "main",
                        principalTable: "recalls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_recalls_recall_id_status",
                schema: "main",
                table: "vehicle_recalls",
                columns: new[] { "recall_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_recalls_vin",
                schema: "main",
                table: "vehicle_recalls",
                column: "vin");

            migrationBuilder.CreateIndex(
                name: "ux_vehicle_recalls_recall_vin",
                schema: "main",
                table: "vehicle_recalls",
                columns: new[] { "recall_id", "vin" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "vehicle_recalls",
                schema: "main");
        }
    }
}
