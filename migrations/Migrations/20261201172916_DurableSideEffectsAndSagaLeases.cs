using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DurableSideEffectsAndSagaLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_until",
                schema: "main",
                table: "provisioning_run",
                type: "timestamp with time zone",
                nullable: true);

            // Runs a crash left "running" are handed to the recovery job (one per VIN: the unique index below needs it).
            migrationBuilder.Sql("""
                UPDATE main.provisioning_run r SET status = 'rollback_incomplete', error = coalesce(error, 'Interrupted; superseded by a later run')
                WHERE status = 'running' AND EXISTS (SELECT 1 FROM main.provisioning_run n WHERE n.vin = r.vin AND n.status = 'running' AND n.id > r.id);
                UPDATE main.provisioning_run SET lease_until = now() WHERE status = 'running';
                """);

            migrationBuilder.CreateTable(
                name: "side_effect",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    argument = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_side_effect", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_run_active_vin",
                schema: "main",
                table: "provisioning_run",
                column: "vin",
                unique: true,
                filter: "status IN ('running', 'compensating')");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_run_lease_until",
                schema: "main",
                table: "provisioning_run",
                column: "lease_until",
                filter: "lease_until IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_side_effect_next_attempt",
                schema: "main",
                table: "side_effect",
                column: "next_attempt");

            migrationBuilder.CreateIndex(
                name: "ix_side_effect_vin_kind",
                schema: "main",
                table: "side_effect",
                columns: new[] { "vin", "kind" });

            // Vehicles still waiting for a shadow update keep waiting, now in the outbox.
            migrationBuilder.Sql("""
                INSERT INTO main.side_effect (kind, vin, actor, created, next_attempt, attempts, last_error)
                SELECT 'shadow.publish', vin, 'system', first_failed, next_attempt, attempts, last_error FROM main.pending_shadow_publish
                """);

            migrationBuilder.DropTable(
                name: "pending_shadow_publish",
                schema: "main");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "side_effect",
                schema: "main");

            migrationBuilder.DropIndex(
                name: "ix_provisioning_run_active_vin",
                schema: "main",
                table: "provisioning_run");

            migrationBuilder.DropIndex(
                name: "ix_provisioning_run_lease_until",
                schema: "main",
                table: "provisioning_run");

            migrationBuilder.DropColumn(
                name: "lease_until",
                schema: "main",
                table: "provisioning_run");

            migrationBuilder.CreateTable(
                name: "pending_shadow_publish",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    first_failed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    next_attempt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
    }
}
