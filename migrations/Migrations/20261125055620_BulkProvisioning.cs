using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BulkProvisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bulk_provisioning_job",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    started = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    identities_purged = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_provisioning_job", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bulk_provisioning_row",
                schema: "main",
                columns: table => new
                {
                    job_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    model_release_id = table.Column<int>(type: "integer", nullable: true),
                    heated_seats = table.Column<bool>(type: "boolean", nullable: false),
                    heated_grips = table.Column<bool>(type: "boolean", nullable: false),
                    stereo_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    managed_session_mode = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    problem = table.Column<string>(type: "text", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    finished = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    identity_key_reference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    identity_ciphertext = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_provisioning_row", x => new { x.job_id, x.line });
                    table.ForeignKey(
                        name: "fk_bulk_provisioning_row_bulk_provisioning_job_job_id",
                        column: x => x.job_id,
                        principalSchema: "main",
                        principalTable: "bulk_provisioning_job",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bulk_provisioning_row_job_id_status",
                schema: "main",
                table: "bulk_provisioning_row",
                columns: new[] { "job_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulk_provisioning_row",
                schema: "main");

            migrationBuilder.DropTable(
                name: "bulk_provisioning_job",
                schema: "main");
        }
    }
}
