using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RecallCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recall_data_updates",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recall_data_updates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recalls",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    nhtsa_number = table.Column<string>(type: "character(9)", fixedLength: true, maxLength: 9, nullable: false),
                    mfr_campaign_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    country = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false, defaultValue: "USA"),
                    safety_recall = table.Column<bool>(type: "boolean", nullable: false),
                    safety_description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    component = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    determination_date = table.Column<DateOnly>(type: "date", nullable: true),
                    report_submitted_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner_notification_date = table.Column<DateOnly>(type: "date", nullable: true),
                    do_not_drive = table.Column<bool>(type: "boolean", nullable: false),
                    park_outside = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recalls", x => x.id);
                    table.CheckConstraint("ck_recalls_safety_description", "NOT safety_recall OR safety_description IS NOT NULL");
                });

            migrationBuilder.CreateTable(
                name: "recall_remedies",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recall_id = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recall_remedies", x => x.id);
                    table.ForeignKey(
                        name: "fk_recall_remedies_recalls_recall_id",
                        column: x => x.recall_id,
                        principalSchema: "main",
                        principalTable: "recalls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recall_data_updates_updated_at",
                schema: "main",
                table: "recall_data_updates",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_recall_remedies_recall_id",
                schema: "main",
                table: "recall_remedies",
                column: "recall_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_recalls_nhtsa_number_active",
                schema: "main",
                table: "recalls",
                column: "nhtsa_number",
                unique: true,
                filter: "status = 'Active'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recall_data_updates",
                schema: "main");

            migrationBuilder.DropTable(
                name: "recall_remedies",
                schema: "main");

            migrationBuilder.DropTable(
                name: "recalls",
                schema: "main");
        }
    }
}
