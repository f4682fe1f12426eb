using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning.Steps;
using Arc.Domain.Sagas;
using Arc.Domain.SideEffects;
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
/// Provisions (or re-provisions) a vehicle through <see cref="ProvisioningSaga"/>: each step records its progress and
/// state, and a failure undoes the steps already done, newest first, so the database, the registry, the shadow and the
/// authority mappings end as they were. One run per VIN at a time; a run cut short by a crash is rolled back by
/// <see cref="RecoverProvisioningRuns"/>. The old certificate is revoked (through the outbox) only once everything
/// else has succeeded.
/// </summary>
public sealed class ProvisionVehicle(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IDeviceRegistry registry,
    SagaRunner runner, ProvisioningSaga saga) : IUseCase
{
    public static readonly IReadOnlyList<string> DefaultTelemetryPoints =
    [
        "ambient_temp", "bms_multi_purpose_enable", "bms_pack_ccl", "bms_pack_current", "bms_pack_dcl", "bms_pack_instantaneous_voltage",
        "bms_pack_soc", "controller_1_inverter_temperature", "controller_1_motor_temperature", "controller_2_inverter_temperature",
        "controller_2_motor_temperature", "gps_altitude", "gps_position", "lv_voltage_1", "odometer", "speed",
    ];

    /// <summary>The steps in order. Dashboards are pages of the portal and need no provisioning; SIM naming is deferred.</summary>
    public static IReadOnlyList<string> StepNames => ProvisioningSaga.StepNames;

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
            if (await data.AnyAsync(data.SideEffects.Where(s => s.Vin == vin.Value && s.Kind == SideEffectKinds.RetireDevice), ct))
                throw new ConflictException($"{vin.Value} was unprovisioned and its certificates are still being revoked; provision it again once that is done (its page shows the progress).");
        }

        var runId = await runner.StartAsync(request.PreservePin ? ProvisioningSaga.ReprovisionKind : ProvisioningSaga.ProvisionKind, vin.Value, username,
            saga, StepNames, ct);
        var context = new ProvisioningContext { Vin = vin.Value, Actor = username, Request = request };
        // The run is not handed the caller's token: a page closed mid-run must not leave it half done.
        if (!await runner.RunAsync(runId, context, saga, CancellationToken.None))
            return await ReportAsync(runId, vin.Value, ct);
        var identity = IdentityFile.Build(vin.Value, registry.Endpoint, context.Pin!, request.Options, request.ManagedSessionMode, request.ModelReleaseId,
            context.Certificate!.CertificatePem, context.Certificate.PrivateKeyPem!, registry.RootCertificatePem);
        return await ReportAsync(runId, vin.Value, ct) with
        {
            Pin = context.Pin,
            CertificatePem = context.Certificate.CertificatePem,
            PrivateKeyPem = context.Certificate.PrivateKeyPem,
            IdentityFile = identity,
            TelemetryPoints = DefaultTelemetryPoints,
        };
    }

    private async Task<ProvisionResult> ReportAsync(long runId, string vin, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var record = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), ct);
        var steps = await data.ListAsync(data.ProvisioningSteps.Where(s => s.RunId == runId).OrderBy(s => s.Index)
            .Select(s => new StepReport(s.Name, s.Status, s.Error)), ct);
        return new ProvisionResult(runId, vin, record!.Status == RunStatus.Succeeded, record.Status, record.Error, steps);
    }
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
