using Arc.Domain.Common;

namespace Arc.Domain.Notes;

public sealed record AddVehicleNoteCommand(string Vin, string? Content, IReadOnlyList<string>? Tags = null);

/// <summary>
/// Adds a note to a vehicle (ability VEHICLE_NOTES_CREATE: anyone who may read the vehicle); the vehicle's form of
/// <see cref="AddNote"/>, kept for callers that know only a VIN.
/// </summary>
public sealed class AddVehicleNote(AddNote addNote) : IUseCase
{
    public const int MaxTagLength = NoteRules.MaxTagLength;

    public Task<NoteView> HandleAsync(AddVehicleNoteCommand command, CancellationToken ct = default) =>
        addNote.HandleAsync(new AddNoteCommand(NoteObjectTypes.Vehicle, command.Vin, command.Content, command.Tags), ct);
}
