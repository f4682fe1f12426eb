using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Models;
using Arc.Domain.Notes;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Seeding;

/// <summary>
/// Demo data for the embedded default: a few fleets and two dozen provisioned vehicles with valid VINs, their
/// installed parts, registration facts and system notes. Written once, into a database without vehicles.
/// </summary>
public sealed class DemoData(IDbContextFactory<ArcDbContext> contexts, PortalEnvironment environment, TimeProvider time, IDeviceShadows shadows, IKeyVault vault)
{
    public const int VehicleCount = 24;

    public static readonly string[] FleetNames = ["Eugene Rentals", "Portland Delivery Pilot", "Service Loaners"];

    /// <summary>A valid VIN in the maker's pattern (WMI 7F7), e.g. 7F7ATR31?MER00019, with its check digit computed.</summary>
    public static string MakeVin(char modelLetter, char yearCode, int serial)
    {
        var chars = $"7F7A{modelLetter}R310{yearCode}ER{serial.ToString("D5", CultureInfo.InvariantCulture)}".ToCharArray();
        chars[8] = Vin.ComputeCheckDigit(new string(chars));
        return new string(chars);
    }

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Set<Vehicle>().AnyAsync(ct))
            return;
        var now = time.GetUtcNow();
        var prefix = environment.Environment.VinPrefix();

        var fleets = FleetNames.Select(n => new Fleet { Name = n }).ToList();
        db.Set<Fleet>().AddRange(fleets);
        await db.SaveChangesAsync(ct);

        var releaseParts = await db.Set<ModelPart>().AsNoTracking().ToListAsync(ct);
        var pins = new FactoryPinStore(vault);
        // FUVs dominate the real fleet; the other models appear a few times each.
        var plan = new (char Letter, int ReleaseId)[]
        {
            ('T', 1), ('T', 2), ('T', 3), ('T', 3), ('T', 2), ('T', 3), ('T', 1), ('T', 3),
            ('D', 8), ('D', 9), ('D', 9), ('C', 5), ('E', 12), ('F', 15), ('R', 18), ('R', 17),
            ('B', 22), ('B', 21), ('T', 3), ('T', 2), ('D', 9), ('T', 3), ('R', 18), ('B', 22),
        };
        var yearCodes = new[] { 'L', 'M', 'N', 'P' };
        for (var i = 0; i < VehicleCount; i++)
        {
            var (letter, releaseId) = plan[i];
            var vin = prefix + MakeVin(letter, yearCodes[i % yearCodes.Length], 19 + i * 7);
            var created = now.AddDays(-(VehicleCount - i) * 9).AddHours(-i);
            db.Set<Vehicle>().Add(new Vehicle { Vin = vin, Created = created, ModelReleaseId = releaseId });
            db.Set<FleetVehicle>().Add(new FleetVehicle { Vin = vin, FleetId = Fleet.MakerFleetId });
            db.Set<FleetVehicle>().Add(new FleetVehicle { Vin = vin, FleetId = fleets[i % fleets.Count].Id });
            foreach (var part in releaseParts.Where(p => p.ModelReleaseId == releaseId))
                db.Set<VehiclePartInstalled>().Add(new VehiclePartInstalled { Vin = vin, PartType = part.PartType, PartNumber = part.PartNumber, Installed = created.AddDays(1) });
            db.Set<VehicleMeta>().AddRange(
                new VehicleMeta { Vin = vin, Section = "registration", Key = "board", Value = releaseId % 3 == 1 ? "1043" : "1105" },
                new VehicleMeta { Vin = vin, Section = "registration", Key = "iccid", Value = $"89014103{27000000000 + i * 7919:D11}" },
                new VehicleMeta { Vin = vin, Section = "registration", Key = "color", Value = new[] { "Atomic Yellow", "Stealth Grey", "Cobalt Blue" }[i % 3] });
            // The default telemetry points, as provisioning sets them; three vehicles in four record their position.
            foreach (var point in Arc.Domain.Provisioning.ProvisionVehicle.DefaultTelemetryPoints)
                db.Set<VehicleTelemetryPoint>().Add(new VehicleTelemetryPoint { Vin = vin, Point = point });
            db.Set<VehicleMeta>().Add(new VehicleMeta { Vin = vin, Section = "privacy", Key = "record_gps", Value = i % 4 == 3 ? "false" : "true" });
            // Every provisioned vehicle belongs to the root authority; every third one is also delegated to Q&RA.
            db.Set<VehicleAuthority>().Add(new VehicleAuthority { AuthorityId = Authority.RootId, Vin = vin });
            if (i % 3 == 0)
                db.Set<VehicleAuthority>().Add(new VehicleAuthority { AuthorityId = 2, Vin = vin });
            db.Set<AuthorityVehicleMeta>().Add(new AuthorityVehicleMeta
            {
                Vin = vin, Section = AuthorityVehicleMeta.PinSection, Key = AuthorityVehicleMeta.FactoryPinKey,
                Value = await pins.SealAsync(vin, FactoryPin.Generate().Value, ct),
            });
            db.Set<Note>().Add(new Note
            {
                ObjectType = NoteObjectTypes.Vehicle, ObjectId = vin, Author = SystemAuthor.Name, Created = created.AddDays(1),
                Content = "Initial Parts Set", System = true, Tags = [Tag(db, "parts")],
            });
        }
        db.Set<AuditEvent>().Add(new AuditEvent
        {
            At = now, Actor = AuditTrail.SystemActor, Action = AuditActions.DemoDataSeeded, EntityType = AuditEntityTypes.System,
            EntityId = "demo", Summary = $"{{\"vehicles\":{VehicleCount},\"fleets\":{fleets.Count}}}", CorrelationId = "startup",
        });
        await db.SaveChangesAsync(ct);

        // Each vehicle's shadow gets its desired state, and has reported it back, as after a real first check-in.
        foreach (var vin in await db.Set<Vehicle>().Select(v => v.Vin).ToListAsync(ct))
        {
            var desired = await DesiredState.BuildAsync(db, new Arc.Domain.ManagedSessions.ManagedPinStore(vault), vin, ct);
            var document = await shadows.UpdateAsync(vin, new ShadowUpdate(desired, null), ct);
            await shadows.UpdateAsync(vin, new ShadowUpdate(null, (System.Text.Json.Nodes.JsonObject)document.Desired.DeepClone()), ct);
        }
    }

    private static NoteTag Tag(ArcDbContext db, string name) =>
        db.Set<NoteTag>().Local.FirstOrDefault(t => t.TagName == name)
        ?? db.Set<NoteTag>().FirstOrDefault(t => t.TagName == name)
        ?? db.Set<NoteTag>().Add(new NoteTag { TagName = name }).Entity;
}
