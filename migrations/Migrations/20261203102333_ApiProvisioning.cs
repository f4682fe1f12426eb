using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ApiProvisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_idempotency_keys",
                schema: "main",
                columns: table => new
                {
                    principal = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    path = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_idempotency_keys", x => new { x.principal, x.key });
                });

            migrationBuilder.CreateTable(
                name: "vehicle_identity_pickups",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    key_reference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    collected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    collected_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_identity_pickups", x => x.id);
                    table.CheckConstraint("ck_vehicle_identity_pickups_sealed", "(ciphertext IS NULL) = (key_reference IS NULL)");
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_idempotency_keys_created_at",
                schema: "main",
                table: "api_idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_identity_pickups_expires_at",
                schema: "main",
                table: "vehicle_identity_pickups",
                column: "expires_at",
                filter: "ciphertext IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_identity_pickups_vin_id",
                schema: "main",
                table: "vehicle_identity_pickups",
                columns: new[] { "vin", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_idempotency_keys",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_identity_pickups",
                schema: "main");
        }
    }
}
