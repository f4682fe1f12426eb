using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ClientCertificateCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "proof",
                schema: "users",
                table: "service_credentials",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Secret");

            migrationBuilder.AddColumn<string>(
                name: "certificate_thumbprint",
                schema: "users",
                table: "service_credential_secrets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_credential_secrets_certificate_thumbprint",
                schema: "users",
                table: "service_credential_secrets",
                column: "certificate_thumbprint",
                unique: true,
                filter: "certificate_thumbprint IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_credential_secrets_certificate_thumbprint",
                schema: "users",
                table: "service_credential_secrets");

            migrationBuilder.DropColumn(
                name: "proof",
                schema: "users",
                table: "service_credentials");

            migrationBuilder.DropColumn(
                name: "certificate_thumbprint",
                schema: "users",
                table: "service_credential_secrets");
        }
    }
}
