using Arc.Infrastructure.Persistence;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// The notes migration (decision 0042) marks the notes the system wrote before the <c>system</c> column existed, by
/// their author or their fixed wording, and leaves people's notes theirs. A database at today's schema is taken back to
/// the migration before it, given old notes, and migrated forward again.
/// </summary>
public sealed class NotesBackfillTests
{
    private const string Before = "20261203065126_RecallCompletion";

    [Fact]
    public async Task Notes_written_by_the_system_before_the_column_are_marked_and_peoples_notes_are_not()
    {
        var connection = await TestServers.CreateDatabaseAsync("notesbackfill");
        var options = new DbContextOptionsBuilder<ArcDbContext>()
            .UseNpgsql(connection, o => o.MigrationsAssembly("Arc.Migrations")).UseSnakeCaseNamingConvention().Options;
        await using var db = new ArcDbContext(options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);

        var contents = new (string Author, string Content, bool System)[]
        {
            ("Arcimoto", "Part Installed", true),
            ("jane", "Vehicle added to fleet id 12", true),
            ("jane", "User removed from fleet id 3", true),
            ("jane", "Vehicle provisioned", true),
            ("jane", "Vehicle added to recall 23V862000 (recall id 4)", true),
            ("jane", "Recall 23V862000 (recall id 4) marked remedied on 2026-01-02", true),
            ("jane", "Customer says the brakes squeal", false),
            ("jane", "Vehicle added to fleet ids by hand", false),
            ("jane", "The Recall was marked by the dealer", false),
        };
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            foreach (var (author, content, _) in contents)
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO main.notes (object_type, object_id, created, author, content) VALUES ('Vehicle', 'DEV-BACKFILL', now(), @a, @c)", conn);
                insert.Parameters.AddWithValue("a", author);
                insert.Parameters.AddWithValue("c", content);
                await insert.ExecuteNonQueryAsync();
            }
        }

        await migrator.MigrateAsync();

        var marked = await db.NoteSet.AsNoTracking().Where(n => n.ObjectId == "DEV-BACKFILL").ToDictionaryAsync(n => n.Content, n => n.System);
        Assert.Equal(contents.ToDictionary(c => c.Content, c => c.System), marked);
    }
}
