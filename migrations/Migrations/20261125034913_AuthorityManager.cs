using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AuthorityManager : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_vehicle_meta",
                schema: "main",
                table: "vehicle_meta");

            migrationBuilder.EnsureSchema(
                name: "authkey");

            migrationBuilder.AddPrimaryKey(
                name: "pk_vehicle_meta1",
                schema: "main",
                table: "vehicle_meta",
                columns: new[] { "vin", "section", "key" });

            migrationBuilder.CreateTable(
                name: "authority_keys",
                schema: "authkey",
                columns: table => new
                {
                    authority_keys_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    parent_authority_id = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cmk_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    public_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    encrypted_private_key = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authority_keys", x => x.authority_keys_id);
                });

            migrationBuilder.CreateTable(
                name: "device_shadow",
                schema: "main",
                columns: table => new
                {
                    thing_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    has_delta = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_shadow", x => x.thing_name);
                });

            migrationBuilder.CreateTable(
                name: "telemetry_points",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "text", nullable: false),
                    prop = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    freq = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_telemetry_points", x => new { x.vin, x.prop });
                });

            migrationBuilder.CreateTable(
                name: "vehicle_meta",
                schema: "authkey",
                columns: table => new
                {
                    vin = table.Column<string>(type: "text", nullable: false),
                    section = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_meta", x => new { x.vin, x.section, x.key });
                });

            migrationBuilder.CreateTable(
                name: "authority_member",
                schema: "authkey",
                columns: table => new
                {
                    authority_id = table.Column<int>(type: "integer", nullable: false),
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authority_member", x => new { x.authority_id, x.username });
                    table.ForeignKey(
                        name: "fk_authority_member_authority_keys_authority_id",
                        column: x => x.authority_id,
                        principalSchema: "authkey",
                        principalTable: "authority_keys",
                        principalColumn: "authority_keys_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_authority",
                schema: "authkey",
                columns: table => new
                {
                    authority_id = table.Column<int>(type: "integer", nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_authority", x => new { x.authority_id, x.vin });
                    table.ForeignKey(
                        name: "fk_vehicle_authority_authority_keys_authority_id",
                        column: x => x.authority_id,
                        principalSchema: "authkey",
                        principalTable: "authority_keys",
                        principalColumn: "authority_keys_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_authority_keys_parent_authority_id",
                schema: "authkey",
                table: "authority_keys",
                column: "parent_authority_id");

            migrationBuilder.CreateIndex(
                name: "ix_device_shadow_has_delta",
                schema: "main",
                table: "device_shadow",
                column: "has_delta");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_authority_vin",
                schema: "authkey",
                table: "vehicle_authority",
                column: "vin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "authority_member",
                schema: "authkey");

            migrationBuilder.DropTable(
                name: "device_shadow",
                schema: "main");

            migrationBuilder.DropTable(
                name: "telemetry_points",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_authority",
                schema: "authkey");

            migrationBuilder.DropTable(
                name: "vehicle_meta",
                schema: "authkey");

            migrationBuilder.DropTable(
                name: "authority_keys",
                schema: "authkey");

            migrationBuilder.DropPrimaryKey(
                name: "pk_vehicle_meta1",
                schema: "main",
                table: "vehicle_meta");

            migrationBuilder.AddPrimaryKey(
                name: "pk_vehicle_meta",
                schema: "main",
                table: "vehicle_meta",
                columns: new[] { "vin", "section", "key" });
        }
    }
}
