using Arc.Domain.Notes;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

// The rows of the notes use cases. Seeing or adding notes needs what seeing the thing needs (here a fleet and a recall
// that do not exist, so the input is refused after the check); deleting needs a signed-in caller, and then the note's
// own rules (author, notes.note.delete, never a system note), which NoteAccessTests covers for every kind of thing.

public sealed class AddNoteEntry : MatrixEntry<AddNote>
{
    public override string Requirement => Perm.FleetRead;

    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<AddNote>().HandleAsync(new AddNoteCommand(NoteObjectTypes.Fleet, "999999", "matrix"));
}

public sealed class ListNotesEntry : MatrixEntry<ListNotes>
{
    public override string Requirement => Perm.RecallRead;

    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<ListNotes>().HandleAsync(new NoteQuery(NoteObjectTypes.Recall, "999999"));
}

public sealed class DeleteNoteEntry : MatrixEntry<DeleteNote>
{
    public override string Requirement => SignedIn;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteNote>().HandleAsync(999_999_999);
}
