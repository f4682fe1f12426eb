using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arc.Domain.Recalls;

namespace Arc.Portal.Api.Legacy;

/// <summary>The Vehicle Manager's recall answers and bodies in the old field names (spec/backend.md Appendix B, §1.13).</summary>
public static class LegacyRecallDtos
{
    public sealed record Remedy(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("date")] string Date,
        [property: JsonPropertyName("description")] string Description);

    public sealed record RecallVehicle(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("recall_id")] int RecallId,
        [property: JsonPropertyName("service_date")] string? ServiceDate,
        [property: JsonPropertyName("service_reference")] string? ServiceReference,
        [property: JsonPropertyName("vin")] string Vin);

    /// <summary>
    /// Recall: <c>recall_id</c> (the create answer names it <c>id</c>, as the old one did); <c>date</c> is the report's
    /// submission date, else the determination date; <c>remedy</c> and <c>vehicles</c> only on the detail.
    /// </summary>
    public sealed record Recall(
        [property: JsonPropertyName("recall_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RecallId,
        [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Id,
        [property: JsonPropertyName("mfr_campaign_id")] string? ManufacturerNumber,
        [property: JsonPropertyName("country")] string Country,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("nhtsa_number")] string NhtsaNumber,
        [property: JsonPropertyName("date")] string? Date,
        [property: JsonPropertyName("remedy_id")] int? RemedyId,
        [property: JsonPropertyName("safety_recall")] bool SafetyRecall,
        [property: JsonPropertyName("safety_description")] string? SafetyDescription,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("remedy"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Remedy? Remedy,
        [property: JsonPropertyName("vehicles"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RecallVehicle>? Vehicles);

    public sealed record RecallList([property: JsonPropertyName("recalls")] IReadOnlyList<Recall> Recalls);

    /// <summary>VehicleRecall.</summary>
    public sealed record VehicleRecall(
        [property: JsonPropertyName("vehicle_recall_id")] long VehicleRecallId,
        [property: JsonPropertyName("recall_id")] int RecallId,
        [property: JsonPropertyName("service_date")] string? ServiceDate,
        [property: JsonPropertyName("service_reference")] string? ServiceReference,
        [property: JsonPropertyName("vin")] string Vin,
        [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
        [property: JsonPropertyName("recall"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Recall? Recall);

    public sealed record VehicleRecallList([property: JsonPropertyName("vehicle_recalls")] IReadOnlyList<VehicleRecall> VehicleRecalls);

    public sealed record DateValue([property: JsonPropertyName("value")] DateTimeOffset? Value);

    /// <summary>The old <c>PUT /vm/v1/recalls</c> body; fields the old function did not take are dropped, as it dropped them.</summary>
    public sealed record NewRecall(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("nhtsa_number")] string? NhtsaNumber,
        [property: JsonPropertyName("mfr_campaign_id")] string? ManufacturerNumber,
        [property: JsonPropertyName("country")] string? Country,
        [property: JsonPropertyName("safety_recall")] bool? SafetyRecall,
        [property: JsonPropertyName("safety_description")] string? SafetyDescription);

    /// <summary>The old <c>POST /vm/v1/recalls/{recall_id}</c> body: the fields sent are changed, the others kept.</summary>
    public sealed record RecallEdit(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("nhtsa_number")] string? NhtsaNumber,
        [property: JsonPropertyName("mfr_campaign_id")] string? ManufacturerNumber,
        [property: JsonPropertyName("country")] string? Country,
        [property: JsonPropertyName("safety_recall")] bool? SafetyRecall,
        [property: JsonPropertyName("safety_description")] string? SafetyDescription,
        [property: JsonPropertyName("date")] JsonElement? Date,
        [property: JsonPropertyName("remedy_id")] JsonElement? RemedyId,
        [property: JsonPropertyName("status")] string? Status);

    public sealed record RecallIdOnly([property: JsonPropertyName("recall_id")] int RecallId);

    /// <summary>The old remedy bodies: <c>{description}</c> to create, <c>{date, description}</c> to edit.</summary>
    public sealed record RemedyBody([property: JsonPropertyName("description")] string? Description, [property: JsonPropertyName("date")] JsonElement? Date);

    /// <summary>Remedy.</summary>
    public sealed record RemedyItem(
        [property: JsonPropertyName("remedy_id")] int RemedyId,
        [property: JsonPropertyName("date")] string Date,
        [property: JsonPropertyName("description")] string Description);

    public sealed record RemedyList([property: JsonPropertyName("remedies")] IReadOnlyList<RemedyItem> Remedies);

    public sealed record RemedyIdOnly([property: JsonPropertyName("remedy_id")] int RemedyId);

    /// <summary>The old recall vehicle bodies: <c>{service_reference}</c>, and <c>{vehicle_recall_id, service_date, service_reference}</c> to edit.</summary>
    public sealed record RecallVehicleBody(
        [property: JsonPropertyName("vehicle_recall_id")] long? VehicleRecallId,
        [property: JsonPropertyName("service_date")] string? ServiceDate,
        [property: JsonPropertyName("service_reference")] string? ServiceReference);

    public sealed record RemovedRecallVehicle([property: JsonPropertyName("recall_id")] int RecallId, [property: JsonPropertyName("vin")] string Vin);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Recall From(RecallView view, bool created = false, IReadOnlyList<RecallVehicle>? vehicles = null, bool withRemedy = false)
    {
        var r = view.Recall;
        var date = r.ReportSubmittedDate ?? r.DeterminationDate;
        return new Recall(created ? null : r.Id, created ? r.Id : null, r.ManufacturerNumber, r.Country, r.Title, r.Description, r.NhtsaNumber,
            date is { } d ? Day(d) : null, view.Remedy?.Id, r.SafetyRecall, r.SafetyDescription, r.Status == RecallStatus.Deleted ? "deleted" : "active",
            withRemedy && view.Remedy is { } remedy ? new Remedy(remedy.Id, Day(DateOnly.FromDateTime(remedy.Date.UtcDateTime)), remedy.Description) : null,
            vehicles);
    }

    public static RecallVehicle From(RecallVehicleView v) =>
        new(v.Id, v.RecallId, v.ServiceDate is { } d ? Day(d) : null, v.ServiceReference, v.Vin);
}
