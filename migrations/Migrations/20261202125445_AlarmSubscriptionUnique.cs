using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AlarmSubscriptionUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_alarm_subscription_username_scope_scope_id_minimum_severity",
                schema: "main",
                table: "alarm_subscription",
                columns: new[] { "username", "scope", "scope_id", "minimum_severity" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_alarm_subscription_username_scope_scope_id_minimum_severity",
                schema: "main",
                table: "alarm_subscription");
        }
    }
}
