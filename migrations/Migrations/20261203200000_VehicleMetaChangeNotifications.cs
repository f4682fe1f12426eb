using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <summary>
    /// Announces on <c>arc_changes</c> (topic <c>vehicle.meta</c>, key the VIN) every write to a vehicle's metadata: GPS
    /// recording, the speed governor and the other configuration sections, whoever writes them. Open vehicle pages then
    /// show the new setting at once (the telemetry tab's position card follows the privacy switch). The model does not change.
    /// </summary>
    [DbContext(typeof(ArcDbContext))]
    [Migration("20261203200000_VehicleMetaChangeNotifications")]
    public partial class VehicleMetaChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON main.vehicle_meta
                    FOR EACH ROW EXECUTE FUNCTION main.notify_change('vehicle.meta', 'vin');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS announce_change ON main.vehicle_meta;");
        }
    }
}
