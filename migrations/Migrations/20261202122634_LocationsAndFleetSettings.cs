using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LocationsAndFleetSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "department_code_id",
                schema: "main",
                table: "vehicle_group",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "location_id",
                schema: "main",
                table: "vehicle_group",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "type_id",
                schema: "main",
                table: "vehicle_group",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_key",
                schema: "main",
                table: "vehicle_group",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(name)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "accounting_department_code",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'100', '1', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    description = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code_key = table.Column<string>(type: "text", nullable: true, computedColumnSql: "lower(code)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_department_code", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_location_code",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'100', '1', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    code_key = table.Column<string>(type: "text", nullable: true, computedColumnSql: "lower(code)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_location_code", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "locations_address_types",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    address_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations_address_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_group_type",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    group_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_group_type", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "locations",
                schema: "main",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    location_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    street_number = table.Column<int>(type: "integer", nullable: true),
                    structure_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    street_number_suffix = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    street_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    street_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    street_direction = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    address_type = table.Column<int>(type: "integer", nullable: true),
                    address_type_identifier = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    city = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    governing_district = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    postal_area = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    local_municipality = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    gps_latitude = table.Column<decimal>(type: "numeric(15,10)", precision: 15, scale: 10, nullable: true),
                    gps_longitude = table.Column<decimal>(type: "numeric(15,10)", precision: 15, scale: 10, nullable: true),
                    accounting_location_code_id = table.Column<int>(type: "integer", nullable: true),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", nullable: false),
                    location_name_key = table.Column<string>(type: "text", nullable: true, computedColumnSql: "lower(location_name)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations", x => x.id);
                    table.CheckConstraint("ck_locations_latitude", "gps_latitude BETWEEN -90 AND 90");
                    table.CheckConstraint("ck_locations_longitude", "gps_longitude BETWEEN -180 AND 180");
                    table.ForeignKey(
                        name: "fk_locations_accounting_location_code_accounting_location_code",
                        column: x => x.accounting_location_code_id,
                        principalSchema: "main",
                        principalTable: "accounting_location_code",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_locations_locations_address_types_address_type",
                        column: x => x.address_type,
                        principalSchema: "main",
                        principalTable: "locations_address_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "main",
                table: "accounting_department_code",
                columns: new[] { "id", "code", "description" },
                values: new object[,]
                {
                    { 1, "510", "Manufacturing" },
                    { 2, "520", "Fabrication" },
                    { 3, "530", "Manufacturing Engineering" },
                    { 4, "540", "Materials" },
                    { 5, "550", "Quality" },
                    { 6, "560", "Battery" },
                    { 7, "610", "Customer Experience" },
                    { 8, "630", "Creative Marketing" },
                    { 9, "640", "Sales" },
                    { 10, "650", "Product Support" },
                    { 11, "660", "Logistics" },
                    { 12, "670", "Rental Operations" },
                    { 13, "710", "Engineering" },
                    { 14, "720", "Research & Development" },
                    { 15, "730", "Regulatory Affairs" },
                    { 16, "740", "CEO" },
                    { 17, "750", "Tilting Motor Works" },
                    { 18, "810", "Accounting" },
                    { 19, "820", "Administration" },
                    { 20, "830", "Human Resources" },
                    { 21, "840", "Technology Infrastructure" },
                    { 22, "850", "Strategic Affairs" }
                });

            migrationBuilder.InsertData(
                schema: "main",
                table: "accounting_location_code",
                columns: new[] { "id", "code" },
                values: new object[,]
                {
                    { 1, "OR-EU-HQ" },
                    { 2, "OR-EU-AI" },
                    { 3, "CA-SD-AI" },
                    { 4, "FL-OL-AI" },
                    { 5, "HI-MU-AI" },
                    { 6, "CA-CT-AI" },
                    { 7, "FL-HC-AI" },
                    { 8, "AZ-SC-DC" },
                    { 9, "HI-MU-GC" },
                    { 10, "CA-LA-RF" },
                    { 11, "CA-SM-RF" },
                    { 12, "FL-SP-SS" },
                    { 13, "FL-MI-RF" },
                    { 14, "FL-DV-AC" },
                    { 15, "FL-MI-IB" },
                    { 16, "OR-EU-GT" },
                    { 17, "WA-FH-SM" },
                    { 18, "FL-SS-IH" },
                    { 19, "CA-SD-GC" }
                });

            migrationBuilder.InsertData(
                schema: "main",
                table: "locations_address_types",
                columns: new[] { "id", "address_type" },
                values: new object[,]
                {
                    { 1, "PO Box" },
                    { 2, "Apartment" },
                    { 3, "Building" },
                    { 4, "Floor" },
                    { 5, "Office" },
                    { 6, "Suite" }
                });

            migrationBuilder.InsertData(
                schema: "main",
                table: "vehicle_group_type",
                columns: new[] { "id", "group_type" },
                values: new object[,]
                {
                    { 1, "internal" },
                    { 2, "pilot" },
                    { 3, "rental" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_group_department_code_id",
                schema: "main",
                table: "vehicle_group",
                column: "department_code_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_group_location_id",
                schema: "main",
                table: "vehicle_group",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_group_type_id",
                schema: "main",
                table: "vehicle_group",
                column: "type_id");

            migrationBuilder.CreateIndex(
                name: "ux_vehicle_group_name",
                schema: "main",
                table: "vehicle_group",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_accounting_department_code_code",
                schema: "main",
                table: "accounting_department_code",
                column: "code_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_accounting_location_code_code",
                schema: "main",
                table: "accounting_location_code",
                column: "code_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_locations_accounting_location_code_id",
                schema: "main",
                table: "locations",
                column: "accounting_location_code_id");

            migrationBuilder.CreateIndex(
                name: "ix_locations_address_type",
                schema: "main",
                table: "locations",
                column: "address_type");

            migrationBuilder.CreateIndex(
                name: "ux_locations_name",
                schema: "main",
                table: "locations",
                column: "location_name_key",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_vehicle_group_accounting_department_code_department_code_id",
                schema: "main",
                table: "vehicle_group",
                column: "department_code_id",
                principalSchema: "main",
                principalTable: "accounting_department_code",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_vehicle_group_fleet_type_type_id",
                schema: "main",
                table: "vehicle_group",
                column: "type_id",
                principalSchema: "main",
                principalTable: "vehicle_group_type",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_vehicle_group_location_location_id",
                schema: "main",
                table: "vehicle_group",
                column: "location_id",
                principalSchema: "main",
                principalTable: "locations",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_vehicle_group_accounting_department_code_department_code_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropForeignKey(
                name: "fk_vehicle_group_fleet_type_type_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropForeignKey(
                name: "fk_vehicle_group_location_location_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropTable(
                name: "accounting_department_code",
                schema: "main");

            migrationBuilder.DropTable(
                name: "locations",
                schema: "main");

            migrationBuilder.DropTable(
                name: "vehicle_group_type",
                schema: "main");

            migrationBuilder.DropTable(
                name: "accounting_location_code",
                schema: "main");

            migrationBuilder.DropTable(
                name: "locations_address_types",
                schema: "main");

            migrationBuilder.DropIndex(
                name: "ix_vehicle_group_department_code_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropIndex(
                name: "ix_vehicle_group_location_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropIndex(
                name: "ix_vehicle_group_type_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropIndex(
                name: "ux_vehicle_group_name",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropColumn(
                name: "name_key",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropColumn(
                name: "department_code_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropColumn(
                name: "location_id",
                schema: "main",
                table: "vehicle_group");

            migrationBuilder.DropColumn(
                name: "type_id",
                schema: "main",
                table: "vehicle_group");
        }
    }
}
