using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProvisioningUsersTelemetry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "telemetry");

            migrationBuilder.EnsureSchema(
                name: "mail");

            migrationBuilder.AddColumn<string>(
                name: "external_subject",
                schema: "users",
                table: "user_profile",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mfa",
                schema: "users",
                table: "user_profile",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "off");

            migrationBuilder.AddColumn<int>(
                name: "reset_code_attempts",
                schema: "users",
                table: "user_profile",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reset_code_expires",
                schema: "users",
                table: "user_profile",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reset_code_hash",
                schema: "users",
                table: "user_profile",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                schema: "users",
                table: "user_profile",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "CONFIRMED");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "temporary_password_expires",
                schema: "users",
                table: "user_profile",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "totp_ciphertext",
                schema: "users",
                table: "user_profile",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "totp_device",
                schema: "users",
                table: "user_profile",
                type: "character varying(25)",
                maxLength: 25,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "totp_enabled",
                schema: "users",
                table: "user_profile",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "totp_key_reference",
                schema: "users",
                table: "user_profile",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "totp_last_counter",
                schema: "users",
                table: "user_profile",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "backfill",
                schema: "telemetry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lines = table.Column<int>(type: "integer", nullable: false),
                    samples = table.Column<int>(type: "integer", nullable: false),
                    written = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_backfill", x => x.id);
                });

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
                name: "definition_version",
                schema: "telemetry",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_definition_version", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "email_template",
                schema: "mail",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    html = table.Column<string>(type: "text", nullable: false),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_template", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "export",
                schema: "telemetry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    points = table.Column<string>(type: "character varying(1400)", maxLength: 1400, nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_export", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_email",
                schema: "mail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    to = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    html = table.Column<string>(type: "text", nullable: false),
                    sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_email", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_preference",
                schema: "users",
                columns: table => new
                {
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_preference", x => new { x.username, x.key });
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

            migrationBuilder.CreateTable(
                name: "point_definition",
                schema: "telemetry",
                columns: table => new
                {
                    version_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    address = table.Column<int>(type: "integer", nullable: true),
                    group = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    report = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    scale = table.Column<double>(type: "double precision", nullable: false),
                    offset = table.Column<double>(type: "double precision", nullable: false),
                    unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_point_definition", x => new { x.version_id, x.name });
                    table.ForeignKey(
                        name: "fk_point_definition_definition_version_version_id",
                        column: x => x.version_id,
                        principalSchema: "telemetry",
                        principalTable: "definition_version",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_profile_external_subject",
                schema: "users",
                table: "user_profile",
                column: "external_subject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_backfill_vin",
                schema: "telemetry",
                table: "backfill",
                column: "vin");

            migrationBuilder.CreateIndex(
                name: "ix_bulk_provisioning_row_job_id_status",
                schema: "main",
                table: "bulk_provisioning_row",
                columns: new[] { "job_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_definition_version_name",
                schema: "telemetry",
                table: "definition_version",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_export_vin_actor",
                schema: "telemetry",
                table: "export",
                columns: new[] { "vin", "actor" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_email_status_next_attempt",
                schema: "mail",
                table: "outbox_email",
                columns: new[] { "status", "next_attempt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backfill",
                schema: "telemetry");

            migrationBuilder.DropTable(
                name: "bulk_provisioning_row",
                schema: "main");

            migrationBuilder.DropTable(
                name: "email_template",
                schema: "mail");

            migrationBuilder.DropTable(
                name: "export",
                schema: "telemetry");

            migrationBuilder.DropTable(
                name: "outbox_email",
                schema: "mail");

            migrationBuilder.DropTable(
                name: "point_definition",
                schema: "telemetry");

            migrationBuilder.DropTable(
                name: "user_preference",
                schema: "users");

            migrationBuilder.DropTable(
                name: "bulk_provisioning_job",
                schema: "main");

            migrationBuilder.DropTable(
                name: "definition_version",
                schema: "telemetry");

            migrationBuilder.DropIndex(
                name: "ix_user_profile_external_subject",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "external_subject",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "mfa",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "reset_code_attempts",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "reset_code_expires",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "reset_code_hash",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "status",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "temporary_password_expires",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_ciphertext",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_device",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_enabled",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_key_reference",
                schema: "users",
                table: "user_profile");

            migrationBuilder.DropColumn(
                name: "totp_last_counter",
                schema: "users",
                table: "user_profile");
        }
    }
}
