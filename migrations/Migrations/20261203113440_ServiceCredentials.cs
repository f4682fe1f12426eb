using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ServiceCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_credentials",
                schema: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_credentials", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_credential_groups",
                schema: "users",
                columns: table => new
                {
                    credential_id = table.Column<int>(type: "integer", nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_credential_groups", x => new { x.credential_id, x.group_id });
                    table.ForeignKey(
                        name: "fk_service_credential_groups_service_credentials_credential_id",
                        column: x => x.credential_id,
                        principalSchema: "users",
                        principalTable: "service_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_credential_groups_user_group_group_id",
                        column: x => x.group_id,
                        principalSchema: "users",
                        principalTable: "user_group",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_credential_secrets",
                schema: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    credential_id = table.Column<int>(type: "integer", nullable: false),
                    hash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_credential_secrets", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_credential_secrets_service_credentials_credential_id",
                        column: x => x.credential_id,
                        principalSchema: "users",
                        principalTable: "service_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_credential_groups_group_id",
                schema: "users",
                table: "service_credential_groups",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_credential_secrets_credential_id",
                schema: "users",
                table: "service_credential_secrets",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_credentials_client_id",
                schema: "users",
                table: "service_credentials",
                column: "client_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_credential_groups",
                schema: "users");

            migrationBuilder.DropTable(
                name: "service_credential_secrets",
                schema: "users");

            migrationBuilder.DropTable(
                name: "service_credentials",
                schema: "users");
        }
    }
}
