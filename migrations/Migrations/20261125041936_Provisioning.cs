using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Provisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "registry");

            migrationBuilder.CreateTable(
                name: "iot_certificate",
                schema: "registry",
                columns: table => new
                {
                    certificate_id = table.Column<string>(type: "text", nullable: false),
                    thing_name = table.Column<string>(type: "text", nullable: true),
                    certificate_pem = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    policies = table.Column<string>(type: "text", nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_iot_certificate", x => x.certificate_id);
                });

            migrationBuilder.CreateTable(
                name: "iot_thing",
                schema: "registry",
                columns: table => new
                {
                    thing_name = table.Column<string>(type: "text", nullable: false),
                    thing_group = table.Column<string>(type: "text", nullable: false),
                    attributes = table.Column<string>(type: "jsonb", nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_iot_thing", x => x.thing_name);
                });

            migrationBuilder.CreateTable(
                name: "local_ca",
                schema: "registry",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    certificate_pem = table.Column<string>(type: "text", nullable: false),
                    key_reference = table.Column<string>(type: "text", nullable: false),
                    sealed_key = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_local_ca", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provisioning_run",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    started = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provisioning_run", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provisioning_step",
                schema: "main",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    index = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    started = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "jsonb", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provisioning_step", x => new { x.run_id, x.index });
                    table.ForeignKey(
                        name: "fk_provisioning_step_provisioning_run_run_id",
                        column: x => x.run_id,
                        principalSchema: "main",
                        principalTable: "provisioning_run",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_iot_certificate_thing_name",
                schema: "registry",
                table: "iot_certificate",
                column: "thing_name");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_run_vin_started",
                schema: "main",
                table: "provisioning_run",
                columns: new[] { "vin", "started" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "iot_certificate",
                schema: "registry");

            migrationBuilder.DropTable(
                name: "iot_thing",
                schema: "registry");

            migrationBuilder.DropTable(
                name: "local_ca",
                schema: "registry");

            migrationBuilder.DropTable(
                name: "provisioning_step",
                schema: "main");

            migrationBuilder.DropTable(
                name: "provisioning_run",
                schema: "main");
        }
    }
}
