using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Notes;

public sealed record NoteView(int NoteId, DateTimeOffset Created, string Author, string? AuthorName, string Content, IReadOnlyList<string> Tags);

/// <summary>A vehicle's notes, newest first (the same access as the vehicle itself).</summary>
public sealed class ListVehicleNotes(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<NoteView>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin.Value, ct);

        return await data.ListAsync(
            data.Notes.Where(n => n.ObjectType == NoteObjectTypes.Vehicle && n.ObjectId == vin.Value)
                .OrderByDescending(n => n.Created).ThenByDescending(n => n.NoteId)
                .Select(n => new NoteView(n.NoteId, n.Created, n.Author,
                    data.Users.Where(u => u.Username == n.Author).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
                    n.Content, n.Tags.OrderBy(t => t.TagName).Select(t => t.TagName).ToList())),
            ct);
    }
}
