using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class IntakeAccounting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "intake");

            migrationBuilder.CreateTable(
                name: "dead_letter",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    topic = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dead_letter", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "interval",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received = table.Column<long>(type: "bigint", nullable: false),
                    written = table.Column<long>(type: "bigint", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    late = table.Column<long>(type: "bigint", nullable: false),
                    duplicate = table.Column<long>(type: "bigint", nullable: false),
                    refused = table.Column<long>(type: "bigint", nullable: false),
                    dead_lettered = table.Column<long>(type: "bigint", nullable: false),
                    failed = table.Column<long>(type: "bigint", nullable: false),
                    lag_buckets = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interval", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "refusal",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    topic = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refusal", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_stats",
                schema: "intake",
                columns: table => new
                {
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    received = table.Column<long>(type: "bigint", nullable: false),
                    written = table.Column<long>(type: "bigint", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    late = table.Column<long>(type: "bigint", nullable: false),
                    duplicate = table.Column<long>(type: "bigint", nullable: false),
                    refused = table.Column<long>(type: "bigint", nullable: false),
                    dead_lettered = table.Column<long>(type: "bigint", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_received = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_lag_ms = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_stats", x => x.vin);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letter_source_message_id",
                schema: "intake",
                table: "dead_letter",
                columns: new[] { "source", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dead_letter_status_at",
                schema: "intake",
                table: "dead_letter",
                columns: new[] { "status", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_interval_end",
                schema: "intake",
                table: "interval",
                column: "end");

            migrationBuilder.CreateIndex(
                name: "ix_refusal_at",
                schema: "intake",
                table: "refusal",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_refusal_vin",
                schema: "intake",
                table: "refusal",
                column: "vin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letter",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "interval",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "refusal",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "vehicle_stats",
                schema: "intake");
        }
    }
}
