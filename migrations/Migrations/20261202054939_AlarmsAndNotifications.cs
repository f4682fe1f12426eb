using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AlarmsAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alarm_rule",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    point = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    @operator = table.Column<string>(name: "operator", type: "character varying(10)", maxLength: 10, nullable: true),
                    threshold = table.Column<double>(type: "double precision", nullable: true),
                    duration_seconds = table.Column<int>(type: "integer", nullable: false),
                    clear_value = table.Column<double>(type: "double precision", nullable: true),
                    scope = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    scope_id = table.Column<int>(type: "integer", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    webhook_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alarm_rule", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alarm_subscription",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    minimum_severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    scope = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    scope_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alarm_subscription", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alarm",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_id = table.Column<int>(type: "integer", nullable: false),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    details = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    acknowledged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cleared_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    cleared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    clear_value = table.Column<double>(type: "double precision", nullable: true),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alarm", x => x.id);
                    table.ForeignKey(
                        name: "fk_alarm_alarm_rule_rule_id",
                        column: x => x.rule_id,
                        principalSchema: "main",
                        principalTable: "alarm_rule",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alarm_one_active_per_rule_and_vin",
                schema: "main",
                table: "alarm",
                columns: new[] { "rule_id", "vin" },
                unique: true,
                filter: "cleared_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_alarm_raised_at",
                schema: "main",
                table: "alarm",
                column: "raised_at");

            migrationBuilder.CreateIndex(
                name: "ix_alarm_vin_raised_at",
                schema: "main",
                table: "alarm",
                columns: new[] { "vin", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alarm_subscription_username",
                schema: "main",
                table: "alarm_subscription",
                column: "username");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alarm",
                schema: "main");

            migrationBuilder.DropTable(
                name: "alarm_subscription",
                schema: "main");

            migrationBuilder.DropTable(
                name: "alarm_rule",
                schema: "main");
        }
    }
}
