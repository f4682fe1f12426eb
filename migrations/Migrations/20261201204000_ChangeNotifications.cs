using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <summary>
    /// Tables whose changes open pages show announce them on the <c>arc_changes</c> channel when their transaction
    /// commits (PostgresChangeFeed listens). The model does not change, so this migration has no target model.
    /// </summary>
    [DbContext(typeof(ArcDbContext))]
    [Migration("20261201204000_ChangeNotifications")]
    public partial class ChangeNotifications : Migration
    {
        // Table, topic, column that holds the key.
        private static readonly (string Table, string Topic, string KeyColumn)[] Announced =
        [
            ("main.side_effect", "vehicle.side_effects", "vin"),
            ("main.device_shadow", "vehicle.shadow", "thing_name"),
            ("main.provisioning_run", "provisioning.run", "vin"),
            ("main.bulk_provisioning_job", "bulk.job", "id"),
            ("main.bulk_provisioning_row", "bulk.job", "job_id"),
            ("telemetry.backfill", "telemetry.backfill", "vin"),
            ("telemetry.export", "telemetry.export", "vin"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION main.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed_key text := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[1];
                BEGIN
                    IF changed_key IS NOT NULL THEN
                        PERFORM pg_notify('arc_changes', json_build_object('topic', TG_ARGV[0], 'key', changed_key)::text);
                    END IF;
                    RETURN NULL;
                END $$;

                -- A step names its run, not its vehicle; pages follow a vehicle's provisioning by VIN.
                CREATE FUNCTION main.notify_provisioning_step() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed_vin text;
                BEGIN
                    SELECT vin INTO changed_vin FROM main.provisioning_run
                    WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.run_id ELSE NEW.run_id END);
                    IF changed_vin IS NOT NULL THEN
                        PERFORM pg_notify('arc_changes', json_build_object('topic', 'provisioning.run', 'key', changed_vin)::text);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON main.provisioning_step
                    FOR EACH ROW EXECUTE FUNCTION main.notify_provisioning_step();
                """);
            foreach (var (table, topic, column) in Announced)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON {table}
                        FOR EACH ROW EXECUTE FUNCTION main.notify_change('{topic}', '{column}');
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _, _) in Announced)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS announce_change ON {table};");
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS announce_change ON main.provisioning_step;
                DROP FUNCTION IF EXISTS main.notify_provisioning_step();
                DROP FUNCTION IF EXISTS main.notify_change();
                """);
        }
    }
}
