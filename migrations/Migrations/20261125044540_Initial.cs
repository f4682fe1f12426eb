using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "audit");

            migrationBuilder.EnsureSchema(
                name: "authkey");

            migrationBuilder.EnsureSchema(
                name: "portal");

            migrationBuilder.EnsureSchema(
                name: "main");

            migrationBuilder.EnsureSchema(
                name: "registry");

            migrationBuilder.EnsureSchema(
                name: "users");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "audit_event",
                schema: "audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_event", x => x.id);
                });

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
                name: "data_protection_keys",
                schema: "portal",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "notes",
                schema: "main",
                columns: table => new
                {
                    note_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    object_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    object_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notes", x => x.note_id);
                });

            migrationBuilder.CreateTable(
                name: "notes_tags",
                schema: "main",
                columns: table => new
                {
                    tag_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tag_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notes_tags", x => x.tag_id);
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
                name: "user_group",
                schema: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    machine_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_group", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_permission",
                schema: "users",
                columns: table => new
                {
                    permission = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    resource = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, defaultValue: "*"),
                    description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_permission", x => new { x.permission, x.resource });
                });

            migrationBuilder.CreateTable(
                name: "user_profile",
                schema: "users",
                columns: table => new
                {
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    avatar = table.Column<byte[]>(type: "bytea", nullable: true),
                    avatar_file_type = table.Column<string>(type: "text", nullable: true),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    must_change_password = table.Column<bool>(type: "boolean", nullable: false),
                    failed_sign_ins = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    security_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_sign_in = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_profile", x => x.username);
                });

            migrationBuilder.CreateTable(
                name: "users_join_vehicle_group",
                schema: "main",
                columns: table => new
                {
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    vehicle_group = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users_join_vehicle_group", x => new { x.username, x.vehicle_group });
                });

            migrationBuilder.CreateTable(
                name: "vehicle_group",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_group", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_join_vehicle_group",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "text", nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_join_vehicle_group", x => new { x.vin, x.group_id });
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
                name: "vehicle_meta",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "text", nullable: false),
                    section = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_meta1", x => new { x.vin, x.section, x.key });
                });

            migrationBuilder.CreateTable(
                name: "vehicle_part_types",
                schema: "main",
                columns: table => new
                {
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_part_types", x => x.part_type);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_platform",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    platform_name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_platform", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "notes_tags_join",
                schema: "main",
                columns: table => new
                {
                    note_id = table.Column<int>(type: "integer", nullable: false),
                    tag_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notes_tags_join", x => new { x.note_id, x.tag_id });
                    table.ForeignKey(
                        name: "fk_notes_tags_join_notes_note_id",
                        column: x => x.note_id,
                        principalSchema: "main",
                        principalTable: "notes",
                        principalColumn: "note_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notes_tags_join_notes_tags_tag_id",
                        column: x => x.tag_id,
                        principalSchema: "main",
                        principalTable: "notes_tags",
                        principalColumn: "tag_id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "user_group_join",
                schema: "users",
                columns: table => new
                {
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_group_join", x => new { x.username, x.group_id });
                    table.ForeignKey(
                        name: "fk_user_group_join_user_group_group_id",
                        column: x => x.group_id,
                        principalSchema: "users",
                        principalTable: "user_group",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_permission_group_join",
                schema: "users",
                columns: table => new
                {
                    permission = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    resource = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, defaultValue: "*"),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_permission_group_join", x => new { x.permission, x.resource, x.group_id });
                    table.ForeignKey(
                        name: "fk_user_permission_group_join_user_group_group_id",
                        column: x => x.group_id,
                        principalSchema: "users",
                        principalTable: "user_group",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_permission_group_join_user_permission_permission_resou",
                        columns: x => new { x.permission, x.resource },
                        principalSchema: "users",
                        principalTable: "user_permission",
                        principalColumns: new[] { "permission", "resource" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_model",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    model_name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    letter_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    platform_id = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_model", x => x.id);
                    table.ForeignKey(
                        name: "fk_vehicle_model_vehicle_platform_platform_id",
                        column: x => x.platform_id,
                        principalSchema: "main",
                        principalTable: "vehicle_platform",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_model_release",
                schema: "main",
                columns: table => new
                {
                    model_release_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    description = table.Column<string>(type: "text", nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    model_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_model_release", x => x.model_release_id);
                    table.ForeignKey(
                        name: "fk_vehicle_model_release_vehicle_model_model_id",
                        column: x => x.model_id,
                        principalSchema: "main",
                        principalTable: "vehicle_model",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "vehicle",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    model_release_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle", x => x.vin);
                    table.ForeignKey(
                        name: "fk_vehicle_vehicle_model_release_model_release_id",
                        column: x => x.model_release_id,
                        principalSchema: "main",
                        principalTable: "vehicle_model_release",
                        principalColumn: "model_release_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_model_parts",
                schema: "main",
                columns: table => new
                {
                    model_release_id = table.Column<int>(type: "integer", nullable: false),
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    part_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_model_parts", x => new { x.model_release_id, x.part_type });
                    table.ForeignKey(
                        name: "fk_vehicle_model_parts_vehicle_model_release_model_release_id",
                        column: x => x.model_release_id,
                        principalSchema: "main",
                        principalTable: "vehicle_model_release",
                        principalColumn: "model_release_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_vehicle_model_parts_vehicle_part_types_part_type",
                        column: x => x.part_type,
                        principalSchema: "main",
                        principalTable: "vehicle_part_types",
                        principalColumn: "part_type",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_parts_installed",
                schema: "main",
                columns: table => new
                {
                    vin = table.Column<string>(type: "character varying(40)", nullable: false),
                    part_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    part_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    installed = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_parts_installed", x => new { x.vin, x.part_type });
                    table.ForeignKey(
                        name: "fk_vehicle_parts_installed_vehicle_part_types_part_type",
                        column: x => x.part_type,
                        principalSchema: "main",
                        principalTable: "vehicle_part_types",
                        principalColumn: "part_type",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_vehicle_parts_installed_vehicle_vin",
                        column: x => x.vin,
                        principalSchema: "main",
                        principalTable: "vehicle",
                        principalColumn: "vin",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_event_action",
                schema: "audit",
                table: "audit_event",
                column: "action");

            migrationBuilder.CreateIndex(
                name: "ix_audit_event_actor",
                schema: "audit",
                table: "audit_event",
                column: "actor");

            migrationBuilder.CreateIndex(
                name: "ix_audit_event_at",
                schema: "audit",
                table: "audit_event",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_event_entity_type_entity_id",
                schema: "audit",
                table: "audit_event",
                columns: new[] { "entity_type", "entity_id" });

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
                name: "ix_iot_certificate_thing_name",
                schema: "registry",
                table: "iot_certificate",
                column: "thing_name");

            migrationBuilder.CreateIndex(
                name: "ix_managed_sessions_vin_completion",
                schema: "main",
                table: "managed_sessions",
                columns: new[] { "vin", "completion" });

            migrationBuilder.CreateIndex(
                name: "ix_notes_object_type_object_id",
                schema: "main",
                table: "notes",
                columns: new[] { "object_type", "object_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notes_tags_tag_name",
                schema: "main",
                table: "notes_tags",
                column: "tag_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notes_tags_join_tag_id",
                schema: "main",
                table: "notes_tags_join",
                column: "tag_id");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_run_vin_started",
                schema: "main",
                table: "provisioning_run",
                columns: new[] { "vin", "started" });

            migrationBuilder.CreateIndex(
                name: "ix_user_group_machine_name",
                schema: "users",
                table: "user_group",
                column: "machine_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_group_join_group_id",
                schema: "users",
                table: "user_group_join",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_permission_group_join_group_id",
                schema: "users",
                table: "user_permission_group_join",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_profile_email",
                schema: "users",
                table: "user_profile",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_created",
                schema: "main",
                table: "vehicle",
                column: "created");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_model_release_id",
                schema: "main",
                table: "vehicle",
                column: "model_release_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_vin_trgm",
                schema: "main",
                table: "vehicle",
                column: "vin")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_authority_vin",
                schema: "authkey",
                table: "vehicle_authority",
                column: "vin");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_join_vehicle_group_group_id_vin",
                schema: "main",
                table: "vehicle_join_vehicle_group",
                columns: new[] { "group_id", "vin" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_model_platform_id",
                schema: "main",
                table: "vehicle_model",
                column: "platform_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_model_parts_part_type",
                schema: "main",
                table: "vehicle_model_parts",
                column: "part_type");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_model_release_model_id",
                schema: "main",
                table: "vehicle_model_release",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_parts_installed_part_type",
                schema: "main",
                table: "vehicle_parts_installed",
                column: "part_type");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_event",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "authority_member",
                schema: "authkey");

            migrationBuilder.DropTable(
                name: "data_protection_keys",
                schema: "portal");

            migrationBuilder.DropTable(
                name: "device_shadow",
                schema: "main");

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
                name: "managed_sessions",
                schema: "main");

            migrationBuilder.DropTable(
                name: "managed_sessions_vehicles",
                schema: "main");

            migrationBuilder.DropTable(
                name: "notes_tags_join",
                schema: "main");

            migrationBuilder.DropTable(
                name: "provisioning_step",
                schema: "main");

            migrationBuilder.DropTable(
                name: "telemetry_points",
                schema: "main");

            migrationBuilder.DropTable(
                name: "user_group_join",
                schema: "users");

            migrationBuilder.DropTable(
                name: "user_permission_group_join",
                schema: "users");

            migrationBuilder.DropTable(
                name: "user_profile",
                schema: "users");

            migrationBuilder.DropTable(
                name: "users_join_vehicle_group",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_authority",
                schema: "authkey");

            migrationBuilder.DropTable(
                name: "vehicle_group",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_join_vehicle_group",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_meta",
                schema: "authkey");

            migrationBuilder.DropTable(
                name: "vehicle_meta",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_model_parts",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_parts_installed",
                schema: "main");

            migrationBuilder.DropTable(
                name: "notes",
                schema: "main");

            migrationBuilder.DropTable(
                name: "notes_tags",
                schema: "main");

            migrationBuilder.DropTable(
                name: "provisioning_run",
                schema: "main");

            migrationBuilder.DropTable(
                name: "user_group",
                schema: "users");

            migrationBuilder.DropTable(
                name: "user_permission",
                schema: "users");

            migrationBuilder.DropTable(
                name: "authority_keys",
                schema: "authkey");

            migrationBuilder.DropTable(
                name: "vehicle_part_types",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_model_release",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_model",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_platform",
                schema: "main");
        }
    }
}
