using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Arc.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class NotesEverywhere : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notes_object_type_object_id",
                schema: "main",
                table: "notes");

            migrationBuilder.AddColumn<bool>(
                name: "system",
                schema: "main",
                table: "notes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Notes written before this column existed: those the system wrote are known by their author or their fixed
            // wording (fleet membership, provisioning, recall entries); every other note stays a person's note.
            migrationBuilder.Sql("""
                UPDATE main.notes SET system = true
                WHERE author = 'Arcimoto'
                   OR content LIKE 'Vehicle added to fleet id %' OR content LIKE 'Vehicle removed from fleet id %'
                   OR content LIKE 'User added to fleet id %' OR content LIKE 'User removed from fleet id %'
                   OR content IN ('Vehicle provisioned', 'Vehicle re-provisioned (factory PIN preserved)')
                   OR content LIKE 'Vehicle added to recall % (recall id %)' OR content LIKE 'Vehicle removed from recall % (recall id %)'
                   OR content LIKE 'Recall % (recall id %) marked %';
                """);

            migrationBuilder.CreateIndex(
                name: "ix_notes_object_type_object_id_created",
                schema: "main",
                table: "notes",
                columns: new[] { "object_type", "object_id", "created" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notes_object_type_object_id_created",
                schema: "main",
                table: "notes");

            migrationBuilder.DropColumn(
                name: "system",
                schema: "main",
                table: "notes");

            migrationBuilder.CreateIndex(
                name: "ix_notes_object_type_object_id",
                schema: "main",
                table: "notes",
                columns: new[] { "object_type", "object_id" });
        }
    }
}
