using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <summary>
    /// Announces on <c>arc_changes</c> (topic <c>ota.campaign</c>, key the campaign id) every write to a campaign, its
    /// waves, its vehicles and its health checks, whoever makes it (a person, the advancing job, a vehicle's report), so
    /// an open campaign page moves with it. PostgreSQL folds identical notifications of one transaction into one, so a
    /// wave of thousands of vehicles announces once. The model does not change.
    /// </summary>
    [DbContext(typeof(ArcDbContext))]
    [Migration("20261203210000_CampaignChangeNotifications")]
    public partial class CampaignChangeNotifications : Migration
    {
        private static readonly (string Table, string KeyColumn)[] Announced =
        [
            ("main.ota_campaigns", "id"),
            ("main.ota_campaign_waves", "campaign_id"),
            ("main.ota_campaign_vehicles", "campaign_id"),
            ("main.ota_campaign_health_checks", "campaign_id"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Announced)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON {table}
                        FOR EACH ROW EXECUTE FUNCTION main.notify_change('ota.campaign', '{column}');
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Announced)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS announce_change ON {table};");
        }
    }
}
