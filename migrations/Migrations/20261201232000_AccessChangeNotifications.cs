using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <summary>
    /// Announces on <c>arc_changes</c> (topic <c>user.access</c>, key the username) every change that can end a signed-in
    /// user's access or change their permissions, so open pages re-check at once instead of on a schedule. A routine
    /// write (a sign-in's counters, a session's last-seen time) is not announced. The model does not change.
    /// </summary>
    [DbContext(typeof(ArcDbContext))]
    [Migration("20261201232000_AccessChangeNotifications")]
    public partial class AccessChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER announce_access_update AFTER UPDATE ON users.user_profile FOR EACH ROW
                    WHEN (OLD.enabled IS DISTINCT FROM NEW.enabled OR OLD.security_stamp IS DISTINCT FROM NEW.security_stamp
                        OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password OR OLD.mfa IS DISTINCT FROM NEW.mfa
                        OR OLD.totp_enabled IS DISTINCT FROM NEW.totp_enabled OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
                    EXECUTE FUNCTION main.notify_change('user.access', 'username');
                CREATE TRIGGER announce_access_delete AFTER DELETE ON users.user_profile
                    FOR EACH ROW EXECUTE FUNCTION main.notify_change('user.access', 'username');

                CREATE TRIGGER announce_access_update AFTER UPDATE ON users.user_session FOR EACH ROW
                    WHEN (OLD.ended IS DISTINCT FROM NEW.ended OR OLD.expires IS DISTINCT FROM NEW.expires OR OLD.stamp IS DISTINCT FROM NEW.stamp)
                    EXECUTE FUNCTION main.notify_change('user.access', 'username');
                CREATE TRIGGER announce_access_delete AFTER DELETE ON users.user_session
                    FOR EACH ROW EXECUTE FUNCTION main.notify_change('user.access', 'username');

                CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON users.user_group_join
                    FOR EACH ROW EXECUTE FUNCTION main.notify_change('user.access', 'username');

                -- A group's permissions belong to each of its members. PostgreSQL folds identical notifications of one
                -- transaction into one, so a group given many permissions at once announces each member once.
                CREATE FUNCTION users.notify_group_members() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('arc_changes', json_build_object('topic', 'user.access', 'key', m.username)::text)
                    FROM users.user_group_join m
                    WHERE m.group_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.group_id ELSE NEW.group_id END);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON users.user_permission_group_join
                    FOR EACH ROW EXECUTE FUNCTION users.notify_group_members();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS announce_access_update ON users.user_profile;
                DROP TRIGGER IF EXISTS announce_access_delete ON users.user_profile;
                DROP TRIGGER IF EXISTS announce_access_update ON users.user_session;
                DROP TRIGGER IF EXISTS announce_access_delete ON users.user_session;
                DROP TRIGGER IF EXISTS announce_change ON users.user_group_join;
                DROP TRIGGER IF EXISTS announce_change ON users.user_permission_group_join;
                DROP FUNCTION IF EXISTS users.notify_group_members();
                """);
        }
    }
}
