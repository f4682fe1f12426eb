using System.Globalization;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Notes;

/// <summary>What a note is about: a kind from <see cref="NoteObjectTypes"/> and the id it is stored under.</summary>
public sealed record NoteSubject(string Kind, string Id);

/// <summary>
/// Who may see and add the notes of a thing: whoever may see the thing itself. A vehicle by the permission or fleet
/// membership, an authority by the permission and acting for it, a user by the permission or being that user, a fleet
/// a recall and a service bulletin by their read permissions.
/// </summary>
public static class NoteSubjects
{
    /// <summary>Checks that the caller may see the thing and that it exists; returns it with its id as stored (a VIN normalised).</summary>
    public static async Task<NoteSubject> RequireReadAsync(IArcData data, ICurrentUser user, string username, PortalEnvironment environment,
        string? kind, string? id, CancellationToken ct)
    {
        var text = (id ?? "").Trim();
        switch (kind)
        {
            case NoteObjectTypes.Vehicle:
                var vin = Vin.Parse(text, environment.Environment).Value;
                await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
                if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
                    throw new NotFoundException("Vehicle", vin);
                return new(kind, vin);
            case NoteObjectTypes.Authority:
                var authorityId = Number(kind, text);
                await user.RequireAsync(Perm.AuthorityRead, ct);
                await AuthorityRules.RequireAsync(data, authorityId, ct);
                await AuthorityRules.RequireActsForAsync(data, user, username, authorityId, ct);
                return new(kind, Text(authorityId));
            case NoteObjectTypes.User:
                if (text.Length is 0 or > 200)
                    throw new ValidationFailedException("subject", "Name a user.");
                await user.RequireSelfOrAsync(text, Perm.UserRead, ct);
                if (!await data.AnyAsync(data.Users.Where(u => u.Username == text), ct))
                    throw new NotFoundException("User", text);
                return new(kind, text);
            case NoteObjectTypes.Fleet:
                var fleetId = Number(kind, text);
                await user.RequireAsync(Perm.FleetRead, ct);
                await FleetRules.FindAsync(data, fleetId, ct);
                return new(kind, Text(fleetId));
            case NoteObjectTypes.Recall:
                var recallId = Number(kind, text);
                await user.RequireAsync(Perm.RecallRead, ct);
                if (!await data.AnyAsync(data.Recalls.Where(r => r.Id == recallId), ct))
                    throw new NotFoundException("Recall", Text(recallId));
                return new(kind, Text(recallId));
            case NoteObjectTypes.Tsb:
                var tsbId = Number(kind, text);
                await user.RequireAsync(Perm.TsbRead, ct);
                if (!await data.AnyAsync(data.Tsbs.Where(t => t.Id == tsbId), ct))
                    throw new NotFoundException("Bulletin", Text(tsbId));
                return new(kind, Text(tsbId));
            default:
                throw new ValidationFailedException("subject", $"Notes are kept on {string.Join(", ", NoteObjectTypes.All)}; not on '{Shorten(kind)}'.");
        }
    }

    private static int Number(string kind, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ValidationFailedException("subject", $"A {kind.ToLowerInvariant()} is named by its number; '{Shorten(text)}' is not one.");

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;
}
