using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public sealed record VehicleOptions(bool HeatedSeats, bool HeatedGrips, bool StereoEnabled);

public sealed record ProvisionRequest(string Vin, int ModelReleaseId, VehicleOptions Options, bool ManagedSessionMode, bool PreservePin = false);

public sealed record StepReport(string Name, string Status, string? Error);

/// <summary>
/// The outcome of a run. On success it carries the device's private key and the identity file: this is the only
/// time either exists outside the vehicle, and neither is stored.
/// </summary>
public sealed record ProvisionResult(
    long RunId,
    string Vin,
    bool Succeeded,
    string Status,
    string? Error,
    IReadOnlyList<StepReport> Steps,
    string? Pin = null,
    string? CertificatePem = null,
    string? PrivateKeyPem = null,
    string? IdentityFile = null,
    IReadOnlyList<string>? TelemetryPoints = null);

/// <summary>
/// Provisions (or re-provisions) a vehicle as the saga of spec/backend.md §5.2: each step records its progress, and a
/// failure undoes the steps already done, newest first, so the database, the registry, the shadow and the authority
/// mappings end as they were. Unlike the old saga, each compensation undoes only what its step changed (a re-provision
/// that fails keeps the existing thing, certificate, PIN, points and options), and the old certificate is revoked only
/// once everything else has succeeded.
/// </summary>
public sealed class ProvisionVehicle(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IDeviceRegistry registry,
    ShadowPublisher publisher, IDeviceShadows shadows, IProvisioningFaults faults, AuditTrail audit, TimeProvider time) : IUseCase
{
    public static readonly IReadOnlyList<string> DefaultTelemetryPoints =
    [
        "ambient_temp", "bms_multi_purpose_enable", "bms_pack_ccl", "bms_pack_current", "bms_pack_dcl", "bms_pack_instantaneous_voltage",
        "bms_pack_soc", "controller_1_inverter_temperature", "controller_1_motor_temperature", "controller_2_inverter_temperature",
        "controller_2_motor_temperature", "gps_altitude", "gps_position", "lv_voltage_1", "odometer", "speed",
    ];

    /// <summary>The steps in order. Dashboards are pages of the portal and need no provisioning; SIM naming is deferred.</summary>
    public static readonly IReadOnlyList<string> StepNames =
    [
        "provision_iot", "provision_iot_certificate", "provision_vehicle_authority", "provision_vehicle_telemetry", "add_vehicle_to_group",
        "telemetry_points_get_defaults", "set_telemetry_points", "factory_pin_generate", "vehicles_options_set", "managed_session_mode_set",
        "update_shadow_document", "provision_vehicle_dashboard", "provision_overview_dashboard",
    ];

    private sealed class Run
    {
        public required string Vin { get; init; }
        public required ProvisionRequest Request { get; init; }
        public Dictionary<string, JsonObject> State { get; } = [];
        public DeviceCertificate? Certificate { get; set; }
        public string? Pin { get; set; }
        public List<string> OldCertificates { get; } = [];
    }

    public async Task<ProvisionResult> HandleAsync(ProvisionRequest request, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        var vin = Vin.Parse(request.Vin, environment.Environment);
        if (request.ModelReleaseId < 1)
            throw new ValidationFailedException("modelReleaseId", "Choose a model release.");
        await using (var data = dataFactory.Open())
        {
            var release = await data.FirstOrDefaultAsync(data.ModelReleases.Where(r => r.ModelReleaseId == request.ModelReleaseId)
                .Select(r => new { r.ModelReleaseId, Letter = r.Model == null ? null : r.Model.LetterCode }), ct)
                ?? throw new ValidationFailedException("modelReleaseId", $"Model release {request.ModelReleaseId} does not exist.");
            if (release.Letter is not null && release.Letter != vin.ModelLetter.ToString())
                throw new ValidationFailedException("modelReleaseId", $"Model release {request.ModelReleaseId} is for model letter {release.Letter}, but the VIN's model letter is {vin.ModelLetter}.");
        }

        var run = new Run { Vin = vin.Value, Request = request };
        var record = await StartAsync(vin.Value, username, request.PreservePin, ct);
        var done = new List<int>();
        for (var index = 0; index < StepNames.Count; index++)
        {
            var name = StepNames[index];
            await MarkAsync(record.Id, index, StepStatus.Pending, null, started: true, ct: ct);
            try
            {
                await faults.BeforeStepAsync(name, ct);
                var notNeeded = await ExecuteAsync(name, run, ct);
                await MarkAsync(record.Id, index, notNeeded ? StepStatus.NotNeeded : StepStatus.Done, null, state: Json(run, name), ct: ct);
                done.Add(index);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await MarkAsync(record.Id, index, StepStatus.Failed, Describe(e), ct: ct);
                // A step refused for its input did nothing; any other failure may have half-done its work.
                if (e is not DomainException)
                    done.Add(index);
                var complete = await CompensateAsync(record.Id, run, done, index, ct);
                var status = complete ? RunStatus.RolledBack : RunStatus.RollbackIncomplete;
                await FinishAsync(record.Id, status, $"{name}: {Describe(e)}", username, vin.Value, ct);
                return await ReportAsync(record.Id, vin.Value, null, ct);
            }
        }

        // Everything succeeded: only now does the previous certificate stop working.
        foreach (var old in run.OldCertificates)
            await registry.RevokeCertificateAsync(vin.Value, old, ct);
        await FinishAsync(record.Id, RunStatus.Succeeded, null, username, vin.Value, ct);
        var identity = IdentityFile.Build(vin.Value, registry.Endpoint, run.Pin!, request.Options, request.ManagedSessionMode, request.ModelReleaseId,
            run.Certificate!.CertificatePem, run.Certificate.PrivateKeyPem!, registry.RootCertificatePem);
        return await ReportAsync(record.Id, vin.Value, run, ct) with
        {
            Pin = run.Pin, CertificatePem = run.Certificate.CertificatePem, PrivateKeyPem = run.Certificate.PrivateKeyPem,
            IdentityFile = identity, TelemetryPoints = DefaultTelemetryPoints,
        };
    }

    /// <returns>True when the step had nothing to do.</returns>
    private async Task<bool> ExecuteAsync(string step, Run run, CancellationToken ct)
    {
        var state = new JsonObject();
        run.State[step] = state;
        var vin = run.Vin;
        await using var data = dataFactory.Open();
        switch (step)
        {
            case "provision_iot":
                var existing = await registry.DescribeThingAsync(vin, ct);
                state["created"] = existing is null;
                if (existing is null)
                {
                    await registry.CreateThingAsync(vin, DevicePolicies.ThingGroup(environment.Environment), new Dictionary<string, string>
                    {
                        ["vin"] = vin,
                        ["date_provisioned"] = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }, ct);
                }
                return false;
            case "provision_iot_certificate":
                run.OldCertificates.AddRange(await registry.ListThingCertificatesAsync(vin, ct));
                run.Certificate = await registry.CreateCertificateAsync(vin, DevicePolicies.All, ct);
                state["certificate"] = run.Certificate.CertificateId;
                state["replaces"] = new JsonArray(run.OldCertificates.Select(c => (JsonNode)c).ToArray());
                return false;
            case "provision_vehicle_authority":
                var held = await AuthorityRules.ControlsAsync(data, Authority.RootId, vin, ct);
                state["added"] = !held;
                if (!held)
                {
                    data.Add(new VehicleAuthority { AuthorityId = Authority.RootId, Vin = vin });
                    await data.SaveChangesAsync(ct);
                }
                return held;
            case "provision_vehicle_telemetry":
                var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin), ct);
                state["created"] = vehicle is null;
                state["previousRelease"] = vehicle?.ModelReleaseId;
                if (vehicle is null)
                    data.Add(new Vehicle { Vin = vin, Created = time.GetUtcNow(), ModelReleaseId = run.Request.ModelReleaseId });
                else
                    vehicle.ModelReleaseId = run.Request.ModelReleaseId;
                await data.SaveChangesAsync(ct);
                return false;
            case "add_vehicle_to_group":
                var member = await data.AnyAsync(data.FleetVehicles.Where(f => f.FleetId == Fleet.MakerFleetId && f.Vin == vin), ct);
                state["added"] = !member;
                if (member)
                    return true;
                data.Add(new FleetVehicle { FleetId = Fleet.MakerFleetId, Vin = vin });
                await data.SaveChangesAsync(ct);
                return false;
            case "telemetry_points_get_defaults":
                state["points"] = DefaultTelemetryPoints.Count;
                return false;
            case "set_telemetry_points":
                var previous = await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin), ct);
                state["previous"] = new JsonArray(previous.Select(p => (JsonNode)new JsonObject { ["point"] = p.Point, ["freq"] = p.Frequency }).ToArray());
                foreach (var point in previous)
                    data.Remove(point);
                foreach (var point in DefaultTelemetryPoints)
                    data.Add(new VehicleTelemetryPoint { Vin = vin, Point = point });
                await data.SaveChangesAsync(ct);
                return false;
            case "factory_pin_generate":
                var row = await data.FirstOrDefaultAsync(data.AuthorityVehicleMeta.Where(m =>
                    m.Vin == vin && m.Section == AuthorityVehicleMeta.PinSection && m.Key == AuthorityVehicleMeta.FactoryPinKey), ct);
                state["hadPin"] = row is not null;
                if (run.Request.PreservePin && row is not null && row.Value.Length == FactoryPin.Length && row.Value.All(char.IsAsciiDigit))
                {
                    run.Pin = row.Value;
                    state["preserved"] = true;
                    return false;
                }
                // The previous PIN is kept only in this run's memory for compensation, never in the step record.
                run.State["factory_pin_previous"] = new JsonObject { ["pin"] = row?.Value };
                run.Pin = FactoryPin.Generate().Value;
                if (row is null)
                    data.Add(new AuthorityVehicleMeta { Vin = vin, Section = AuthorityVehicleMeta.PinSection, Key = AuthorityVehicleMeta.FactoryPinKey, Value = run.Pin });
                else
                    row.Value = run.Pin;
                await data.SaveChangesAsync(ct);
                return false;
            case "vehicles_options_set":
                var options = await data.ListAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == "options"), ct);
                state["previous"] = new JsonObject(options.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value)));
                foreach (var (key, value) in OptionValues(run.Request.Options))
                {
                    var option = options.FirstOrDefault(o => o.Key == key);
                    if (option is null)
                        data.Add(new VehicleMeta { Vin = vin, Section = "options", Key = key, Value = value });
                    else
                        option.Value = value;
                }
                await data.SaveChangesAsync(ct);
                return false;
            case "managed_session_mode_set":
                var managed = await data.FirstOrDefaultAsync(data.ManagedSessionVehicles.Where(m => m.Vin == vin), ct);
                state["was"] = managed is not null;
                if (run.Request.ManagedSessionMode == (managed is not null))
                    return true;
                if (managed is null)
                    data.Add(new ManagedSessionVehicle { Vin = vin });
                else
                    data.Remove(managed);
                await data.SaveChangesAsync(ct);
                return false;
            case "update_shadow_document":
                state["existed"] = await shadows.GetAsync(vin, ct) is not null;
                await publisher.PublishAsync(data, vin, ct);
                return false;
            default:
                // provision_vehicle_dashboard, provision_overview_dashboard: the portal draws its dashboards from the data.
                return true;
        }
    }

    private async Task<bool> CompensateAsync(long runId, Run run, List<int> done, int failedIndex, CancellationToken ct)
    {
        var complete = true;
        foreach (var index in Enumerable.Reverse(done))
        {
            var name = StepNames[index];
            try
            {
                await UndoAsync(name, run, ct);
                // The failed step keeps its failure on record; what it half-did is undone all the same.
                if (index != failedIndex)
                    await MarkAsync(runId, index, StepStatus.Compensated, null, ct: ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                complete = false;
                await MarkAsync(runId, index, StepStatus.CompensationFailed, Describe(e), ct: ct);
            }
        }
        if (run.State.ContainsKey("republish"))
        {
            try
            {
                await using var data = dataFactory.Open();
                await publisher.PublishAsync(data, run.Vin, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                complete = false;
                await MarkAsync(runId, StepNames.Count - 3, StepStatus.CompensationFailed, Describe(e), ct: ct);
            }
        }
        return complete;
    }

    private async Task UndoAsync(string step, Run run, CancellationToken ct)
    {
        var vin = run.Vin;
        // A step that failed before it began has nothing to undo.
        if (!run.State.TryGetValue(step, out var state))
            return;
        await using var data = dataFactory.Open();
        switch (step)
        {
            case "provision_iot":
                if (state["created"]?.GetValue<bool>() == true)
                {
                    foreach (var certificate in await registry.ListThingCertificatesAsync(vin, ct))
                        await registry.RevokeCertificateAsync(vin, certificate, ct);
                    await registry.DeleteThingAsync(vin, ct);
                }
                break;
            case "provision_iot_certificate":
                if (run.Certificate is not null)
                    await registry.RevokeCertificateAsync(vin, run.Certificate.CertificateId, ct);
                break;
            case "provision_vehicle_authority":
                if (state["added"]?.GetValue<bool>() == true)
                {
                    foreach (var mapping in await data.ListAsync(data.VehicleAuthorities.Where(va => va.AuthorityId == Authority.RootId && va.Vin == vin), ct))
                        data.Remove(mapping);
                    await data.SaveChangesAsync(ct);
                }
                break;
            case "provision_vehicle_telemetry":
                var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin), ct);
                if (vehicle is null)
                    break;
                if (state["created"]?.GetValue<bool>() == true)
                    data.Remove(vehicle);
                else
                    vehicle.ModelReleaseId = state["previousRelease"]?.GetValue<int?>();
                await data.SaveChangesAsync(ct);
                break;
            case "add_vehicle_to_group":
                if (state["added"]?.GetValue<bool>() == true)
                {
                    foreach (var join in await data.ListAsync(data.FleetVehicles.Where(f => f.FleetId == Fleet.MakerFleetId && f.Vin == vin), ct))
                        data.Remove(join);
                    await data.SaveChangesAsync(ct);
                }
                break;
            case "set_telemetry_points":
                foreach (var point in await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin), ct))
                    data.Remove(point);
                foreach (var previous in state["previous"]?.AsArray() ?? [])
                    data.Add(new VehicleTelemetryPoint { Vin = vin, Point = previous!["point"]!.GetValue<string>(), Frequency = previous["freq"]?.GetValue<string>() });
                await data.SaveChangesAsync(ct);
                break;
            case "factory_pin_generate":
                if (state["preserved"]?.GetValue<bool>() == true)
                    break;
                var row = await data.FirstOrDefaultAsync(data.AuthorityVehicleMeta.Where(m =>
                    m.Vin == vin && m.Section == AuthorityVehicleMeta.PinSection && m.Key == AuthorityVehicleMeta.FactoryPinKey), ct);
                var before = run.State.GetValueOrDefault("factory_pin_previous")?["pin"]?.GetValue<string>();
                if (row is not null && before is null)
                    data.Remove(row);
                else if (row is not null)
                    row.Value = before!;
                await data.SaveChangesAsync(ct);
                break;
            case "vehicles_options_set":
                var previousOptions = state["previous"]?.AsObject() ?? [];
                foreach (var option in await data.ListAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == "options"), ct))
                {
                    if (previousOptions[option.Key] is { } value)
                        option.Value = value.GetValue<string>();
                    else
                        data.Remove(option);
                }
                await data.SaveChangesAsync(ct);
                break;
            case "managed_session_mode_set":
                var managed = await data.FirstOrDefaultAsync(data.ManagedSessionVehicles.Where(m => m.Vin == vin), ct);
                var was = state["was"]?.GetValue<bool>() == true;
                if (was && managed is null)
                    data.Add(new ManagedSessionVehicle { Vin = vin });
                else if (!was && managed is not null)
                    data.Remove(managed);
                await data.SaveChangesAsync(ct);
                break;
            case "update_shadow_document":
                // A new vehicle's shadow goes; an existing one's is republished once the database is back as it was.
                if (state["existed"]?.GetValue<bool>() == true)
                    run.State["republish"] = [];
                else
                    await shadows.DeleteAsync(vin, ct);
                break;
        }
    }

    private static IEnumerable<(string Key, string Value)> OptionValues(VehicleOptions options) =>
    [
        ("heated_seats", options.HeatedSeats ? "true" : "false"),
        ("heated_grips", options.HeatedGrips ? "true" : "false"),
        ("stereo_enabled", options.StereoEnabled ? "true" : "false"),
    ];

    private async Task<ProvisioningRun> StartAsync(string vin, string username, bool preservePin, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var record = new ProvisioningRun
        {
            Vin = vin, Kind = preservePin ? "reprovision_preserve_pin" : "provision", Actor = username, Started = time.GetUtcNow(),
            Steps = StepNames.Select((name, index) => new ProvisioningStep { Index = index, Name = name }).ToList(),
        };
        data.Add(record);
        await data.SaveChangesAsync(ct);
        return record;
    }

    private async Task MarkAsync(long runId, int index, string status, string? error, bool started = false, string? state = null, CancellationToken ct = default)
    {
        await using var data = dataFactory.Open();
        var step = await data.FirstOrDefaultAsync(data.ProvisioningSteps.Where(s => s.RunId == runId && s.Index == index), ct);
        if (step is null)
            return;
        step.Status = status;
        step.Error = error;
        if (started)
            step.Started = time.GetUtcNow();
        else
            step.Finished = time.GetUtcNow();
        if (state is not null)
            step.State = state;
        await data.SaveChangesAsync(ct);
    }

    private async Task FinishAsync(long runId, string status, string? error, string username, string vin, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var run = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), ct);
        run!.Status = status;
        run.Error = error;
        run.Finished = time.GetUtcNow();
        audit.Record(data, username, status == RunStatus.Succeeded ? AuditActions.VehicleProvisioned : AuditActions.VehicleProvisioningFailed,
            AuditEntityTypes.Vehicle, vin, new { run = runId, status, error, kind = run.Kind });
        if (status == RunStatus.Succeeded)
            data.Add(new Note
            {
                ObjectType = NoteObjectTypes.Vehicle, ObjectId = vin, Author = username, Created = time.GetUtcNow(),
                Content = run.Kind == "provision" ? "Vehicle provisioned" : "Vehicle re-provisioned (factory PIN preserved)",
            });
        await data.SaveChangesAsync(ct);
    }

    private async Task<ProvisionResult> ReportAsync(long runId, string vin, Run? run, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var record = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), ct);
        var steps = await data.ListAsync(data.ProvisioningSteps.Where(s => s.RunId == runId).OrderBy(s => s.Index)
            .Select(s => new StepReport(s.Name, s.Status, s.Error)), ct);
        return new ProvisionResult(runId, vin, record!.Status == RunStatus.Succeeded, record.Status, record.Error, steps);
    }

    private static string? Json(Run run, string step) => run.State.TryGetValue(step, out var state) ? state.ToJsonString() : null;

    private static string Describe(Exception e) => e is DomainException ? e.Message : $"{e.GetType().Name}: {e.Message}";
}

/// <summary>The vehicle identity file of spec/backend.md §4.6 that the Comm module loads.</summary>
public static class IdentityFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Build(string vin, string endpoint, string pin, VehicleOptions options, bool managedSessionMode, int modelReleaseId,
        string clientCertificate, string clientKey, string rootCertificate) =>
        new JsonObject
        {
            ["vin"] = vin,
            ["aws_endpoint"] = endpoint,
            ["pin"] = pin,
            ["options"] = new JsonObject
            {
                ["heated_seats"] = options.HeatedSeats, ["heated_grips"] = options.HeatedGrips, ["stereo_enabled"] = options.StereoEnabled,
            },
            ["managed_session_mode"] = managedSessionMode,
            ["model_release_id"] = modelReleaseId,
            ["client_cert"] = clientCertificate,
            ["client_key"] = clientKey,
            ["aws_cert"] = rootCertificate,
        }.ToJsonString(Indented);
}
