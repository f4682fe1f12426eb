using System.Globalization;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class BackfillTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static string Line(DateTimeOffset at, double soc, string extra = "") =>
        $"{{\"timestamp\":\"{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}\",\"bms_pack_soc\":{soc.ToString(CultureInfo.InvariantCulture)}{extra}}}";

    /// <param name="freshUser">Upload as a new administrator: refusals count towards the hourly limit of whoever uploads.</param>
    private async Task<BackfillView> StartAsync(string vin, string content, bool freshUser = false)
    {
        var username = freshUser ? await portal.CreateUserAsync($"backfill-{Guid.NewGuid():N}@arc.test", "all") : await portal.AdminUsernameAsync();
        await using var scope = await portal.AsUserAsync(username);
        return await scope.ServiceProvider.GetRequiredService<StartTelemetryBackfill>().HandleAsync(vin, "history.ndjson", Encoding.UTF8.GetBytes(content));
    }

    private Task<TelemetryBackfill> WaitAsync(long id) => Eventually.ReturnsAsync(async () =>
        {
            await using var db = portal.CreateDb();
            return await db.BackfillSet.AsNoTracking().SingleAsync(b => b.Id == id);
        }, b => b.Status is BackfillStatus.Done or BackfillStatus.Failed, TimeSpan.FromSeconds(30), "The backfill finishing");

    [Fact]
    public async Task A_good_file_is_written_by_the_job_aggregated_and_the_uploader_emailed()
    {
        var vin = "DEV-" + DemoData.MakeVin('E', 'L', 103);
        var now = DateTimeOffset.UtcNow;
        var lines = Enumerable.Range(1, 3 * 24 * 60).Select(i => Line(now.AddDays(-10).AddMinutes(i), 50 + i % 30, ",\"gps_position\":\"44.05,-123.08\",\"charger_status\":0"));
        var started = await StartAsync(vin, string.Join("\n", lines) + "\n");
        Assert.Equal((4320, 4320), (started.Lines, started.Samples));

        var done = await WaitAsync(started.Id);

        Assert.Equal(BackfillStatus.Done, done.Status);
        Assert.Equal(4320, done.Written);
        Assert.Null(done.Content);
        var store = portal.Services.GetRequiredService<ITelemetryStore>();
        var raw = await store.SeriesAsync(vin, TelemetryPoint.Parse("bms_pack_soc"), TelemetryRange.Create(now.AddDays(-10), now.AddDays(-8), now));
        Assert.NotEmpty(raw.Points);
        var downsampled = await store.SeriesAsync(vin, TelemetryPoint.Parse("bms_pack_soc"), TelemetryRange.Create(now.AddDays(-20), now, now));
        Assert.Equal("365d", downsampled.Source);
        Assert.InRange(downsampled.Points.Count, 100, 1000);
        await using var db = portal.CreateDb();
        var mail = await db.OutboxEmailSet.SingleAsync(e => e.Template == EmailTemplates.BackfillComplete && e.Subject.Contains(vin));
        Assert.Equal(PortalServer.AdminEmail, mail.To);
    }

    public static TheoryData<string, string> BadFiles()
    {
        var now = DateTimeOffset.UtcNow;
        return new()
        {
            { Line(now.AddHours(-1), 50) + "\n{not json\n" + Line(now.AddHours(-2), 51), "Line 2: not valid JSON." },
            { Line(now.AddHours(-1), 50) + "\n" + Line(now.AddHours(-2), 51) + "\n[1,2]", "Line 3: it is not a JSON object." },
            { "{\"bms_pack_soc\":50}", "Line 1: Every data item needs a timestamp, a date and time in UTC such as" },
            { "{\"timestamp\":\"30/11/2026 10:00\",\"bms_pack_soc\":50}", "Line 1: Every data item needs a timestamp, a date and time in UTC such as" },
            { Line(now.AddHours(-1), 50) + "\n" + Line(now.AddHours(-2), 51).Replace("bms_pack_soc", "bms_pack_sox", StringComparison.Ordinal),
                "Line 2: no telemetry definition knows 'bms_pack_sox'." },
            { Line(now.AddDays(2), 50), "Line 1: " },
            { Line(now.AddDays(-45), 50), "older than 30 days" },
            { "{\"timestamp\":\"2026-11-20 10:00:00\",\"speed\\\" = 1 OR \\\"x\":1}", "no telemetry definition knows" },
            { "\n\n", "The file has no lines." },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_with_a_bad_line_is_refused_with_its_line_number_and_nothing_is_written(string content, string message)
    {
        var vin = "DEV-" + DemoData.MakeVin('E', 'L', 103);
        await using var db = portal.CreateDb();
        var before = await db.BackfillSet.CountAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => StartAsync(vin, content, freshUser: true));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.BackfillSet.CountAsync());
    }

    [Fact]
    public async Task An_oversized_file_or_an_unknown_vehicle_is_refused()
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => StartAsync("DEV-" + DemoData.MakeVin('E', 'L', 103), new string(' ', BackfillFile.MaxBytes + 1)));
        await Assert.ThrowsAsync<NotFoundException>(() => StartAsync("DEV-" + DemoData.MakeVin('E', 'L', 99_997), Line(DateTimeOffset.UtcNow.AddHours(-1), 1)));
    }
}
