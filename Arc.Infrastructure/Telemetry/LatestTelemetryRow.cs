using Arc.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// One vehicle's newest value of each point the fleet views show, each with the device time it was reported at, so a
/// point that arrives late never replaces a newer one. Kept by <see cref="LatestTelemetryTable"/>.
/// </summary>
public sealed class LatestTelemetryRow
{
    public required string Vin { get; set; }
    public double? Soc { get; set; }
    public DateTimeOffset? SocAt { get; set; }
    public double? OdometerKm { get; set; }
    public DateTimeOffset? OdometerAt { get; set; }
    public double? Latitude { get; set; }
    public DateTimeOffset? LatitudeAt { get; set; }
    public double? Longitude { get; set; }
    public DateTimeOffset? LongitudeAt { get; set; }
    public double? SpeedKmh { get; set; }
    public DateTimeOffset? SpeedAt { get; set; }
    public double? PackCurrentA { get; set; }
    public DateTimeOffset? PackCurrentAt { get; set; }
    /// <summary>When the portal last stored a change to the row.</summary>
    public DateTimeOffset Updated { get; set; }
}

public sealed class LatestTelemetryRowConfiguration : IEntityTypeConfiguration<LatestTelemetryRow>
{
    public void Configure(EntityTypeBuilder<LatestTelemetryRow> e)
    {
        e.ToTable("vehicle_latest_telemetry", "main");
        e.HasKey(x => x.Vin);
        e.Property(x => x.Vin).HasMaxLength(40);
    }
}

/// <summary>The newest value of each tracked point of one vehicle, and when it was reported; folded in memory before it is stored.</summary>
internal sealed class LatestValues
{
    /// <summary>The points kept, in the order of <see cref="Values"/>.</summary>
    public static readonly string[] Points = ["bms_pack_soc", "odometer", "gps_latitude", "gps_longitude", "speed", "bms_pack_current"];

    public readonly double?[] Values = new double?[Points.Length];
    public readonly DateTimeOffset?[] Times = new DateTimeOffset?[Points.Length];

    /// <summary>Takes the value unless the one held was reported at the same time or later.</summary>
    public void Fold(int index, double? value, DateTimeOffset? time)
    {
        if (value is null || time is null || Times[index] is { } held && held >= time)
            return;
        Values[index] = value;
        Times[index] = time;
    }

    public void Fold(LatestValues other)
    {
        for (var i = 0; i < Points.Length; i++)
            Fold(i, other.Values[i], other.Times[i]);
    }

    public static LatestValues From(LatestTelemetryRow row)
    {
        var values = new LatestValues();
        values.Fold(0, row.Soc, row.SocAt);
        values.Fold(1, row.OdometerKm, row.OdometerAt);
        values.Fold(2, row.Latitude, row.LatitudeAt);
        values.Fold(3, row.Longitude, row.LongitudeAt);
        values.Fold(4, row.SpeedKmh, row.SpeedAt);
        values.Fold(5, row.PackCurrentA, row.PackCurrentAt);
        return values;
    }

    /// <summary>
    /// What the telemetry store answered for a vehicle the read model had not seen. The store gives one report time for
    /// the whole state, so every value found is taken as reported then.
    /// </summary>
    public static LatestValues From(VehicleLatestState state)
    {
        var values = new LatestValues();
        double?[] found = [state.Soc, state.OdometerKm, state.Latitude, state.Longitude, state.SpeedKmh, state.PackCurrentA];
        for (var i = 0; i < found.Length; i++)
            values.Fold(i, found[i], state.LastReport);
        return values;
    }

    public VehicleLatestState ToState(string vin)
    {
        var last = Times.Max();
        return new VehicleLatestState(vin, Values[0], Values[1], Values[2], Values[3], last, Values[4], Values[5]);
    }
}
