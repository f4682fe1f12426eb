using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CampaignChargingFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "comparison_charging_failures",
                schema: "main",
                table: "ota_campaign_health_checks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "updated_charging_failures",
                schema: "main",
                table: "ota_campaign_health_checks",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "comparison_charging_failures",
                schema: "main",
                table: "ota_campaign_health_checks");

            migrationBuilder.DropColumn(
                name: "updated_charging_failures",
                schema: "main",
                table: "ota_campaign_health_checks");
        }
    }
}
