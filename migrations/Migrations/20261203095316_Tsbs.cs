using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Tsbs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tsb",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    component = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    issue_date = table.Column<DateOnly>(type: "date", nullable: false),
                    communication_type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    dealer_date = table.Column<DateOnly>(type: "date", nullable: true),
                    nhtsa_reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    recall_id = table.Column<int>(type: "integer", nullable: true),
                    model_ids = table.Column<List<int>>(type: "integer[]", nullable: false),
                    model_years = table.Column<List<int>>(type: "integer[]", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tsb", x => x.id);
                    table.CheckConstraint("ck_tsb_model_years", "cardinality(model_years) > 0");
                    table.CheckConstraint("ck_tsb_models", "cardinality(model_ids) > 0");
                    table.ForeignKey(
                        name: "fk_tsb_recalls_recall_id",
                        column: x => x.recall_id,
                        principalSchema: "main",
                        principalTable: "recalls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tsb_attachments",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tsb_id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deleted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tsb_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_tsb_attachments_tsb_tsb_id",
                        column: x => x.tsb_id,
                        principalSchema: "main",
                        principalTable: "tsb",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tsb_recall_id",
                schema: "main",
                table: "tsb",
                column: "recall_id");

            migrationBuilder.CreateIndex(
                name: "ux_tsb_number_active",
                schema: "main",
                table: "tsb",
                column: "number",
                unique: true,
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_tsb_attachments_file_key",
                schema: "main",
                table: "tsb_attachments",
                column: "file_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tsb_attachments_tsb_id",
                schema: "main",
                table: "tsb_attachments",
                column: "tsb_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tsb_attachments",
                schema: "main");

            migrationBuilder.DropTable(
                name: "tsb",
                schema: "main");
        }
    }
}
