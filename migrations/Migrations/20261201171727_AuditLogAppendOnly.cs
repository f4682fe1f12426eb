using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <summary>
    /// The audit log is append-only: whatever role the portal connects as, the database refuses to update, delete or
    /// truncate audit events (docs/decisions/0017-append-only-audit-log.md). No model change.
    /// </summary>
    public partial class AuditLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The audit log is append-only: % of %.% is not allowed.', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;

                CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit.audit_event
                    FOR EACH ROW EXECUTE FUNCTION audit.refuse_audit_change();

                CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit.audit_event
                    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_audit_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_event_no_truncate ON audit.audit_event;
                DROP TRIGGER audit_event_append_only ON audit.audit_event;
                DROP FUNCTION audit.refuse_audit_change();
                """);
        }
    }
}
