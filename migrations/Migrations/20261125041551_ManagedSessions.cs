using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ManagedSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "managed_sessions",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vin = table.Column<string>(type: "text", nullable: false),
                    pin = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    initialization = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completion = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    creator = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    verification_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    is_reef = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_managed_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "managed_sessions_vehicles",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_managed_sessions_vehicles", x => x.vin);
                });

            migrationBuilder.CreateIndex(
                name: "ix_managed_sessions_vin_completion",
                schema: "main",
                table: "managed_sessions",
                columns: new[] { "vin", "completion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "managed_sessions",
                schema: "main");

            migrationBuilder.DropTable(
                name: "managed_sessions_vehicles",
                schema: "main");
        }
    }
}
