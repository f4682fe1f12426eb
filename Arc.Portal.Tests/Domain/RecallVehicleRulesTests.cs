using Arc.Domain.Common;
using Arc.Domain.Recalls;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Domain;

/// <summary>The rules of a vehicle's entry in a recall (status moves, what each status needs) and the shared VIN list's checks.</summary>
public sealed class RecallVehicleRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static RecallVehicle Entry(RecallVehicleStatus status = RecallVehicleStatus.Open) => new()
    {
        Vin = "DEV-X", AddedBy = "someone", Status = status,
        ServiceDate = status is RecallVehicleStatus.Remedied or RecallVehicleStatus.Inspected ? Today : null,
        UnreachableReason = status == RecallVehicleStatus.Unreachable ? UnreachableReason.Stolen : null,
    };

    [Theory]
    [InlineData(RecallVehicleStatus.Open, RecallVehicleStatus.Remedied, true)]
    [InlineData(RecallVehicleStatus.Open, RecallVehicleStatus.Inspected, true)]
    [InlineData(RecallVehicleStatus.Open, RecallVehicleStatus.Unreachable, true)]
    [InlineData(RecallVehicleStatus.Unreachable, RecallVehicleStatus.Open, true)]
    [InlineData(RecallVehicleStatus.Unreachable, RecallVehicleStatus.Remedied, true)]
    [InlineData(RecallVehicleStatus.Unreachable, RecallVehicleStatus.Inspected, true)]
    [InlineData(RecallVehicleStatus.Inspected, RecallVehicleStatus.Remedied, true)]
    [InlineData(RecallVehicleStatus.Inspected, RecallVehicleStatus.Open, true)]
    [InlineData(RecallVehicleStatus.Inspected, RecallVehicleStatus.Unreachable, false)]
    [InlineData(RecallVehicleStatus.Remedied, RecallVehicleStatus.Open, true)]
    [InlineData(RecallVehicleStatus.Remedied, RecallVehicleStatus.Remedied, true)]
    [InlineData(RecallVehicleStatus.Remedied, RecallVehicleStatus.Inspected, false)]
    [InlineData(RecallVehicleStatus.Remedied, RecallVehicleStatus.Unreachable, false)]
    public void Statuses_move_only_along_the_allowed_paths(RecallVehicleStatus from, RecallVehicleStatus to, bool allowed)
    {
        Assert.Equal(allowed, RecallVehicleRules.CanMove(from, to));
        var entry = Entry(from);
        var draft = new RecallVehicleDraft(to, Today, "WO-1", UnreachableReason.Exported);
        if (allowed)
        {
            RecallVehicleRules.Apply(draft, entry, Today);
            Assert.Equal(to, entry.Status);
        }
        else
        {
            var e = Assert.Throws<ValidationFailedException>(() => RecallVehicleRules.Apply(draft, entry, Today));
            Assert.Equal("status", Assert.Single(e.Errors).Key);
            Assert.Equal(from, entry.Status);
        }
    }

    [Fact]
    public void Each_status_keeps_only_the_details_it_needs()
    {
        var entry = Entry();
        RecallVehicleRules.Apply(new(RecallVehicleStatus.Unreachable, Today, " WO-2 ", UnreachableReason.Scrapped, " crushed "), entry, Today);
        Assert.Equal(((DateOnly?)null, "WO-2", UnreachableReason.Scrapped, "crushed"), (entry.ServiceDate, entry.ServiceReference, entry.UnreachableReason, entry.ReasonNote));
        RecallVehicleRules.Apply(new(RecallVehicleStatus.Remedied, Today.AddDays(-3), "WO-3", UnreachableReason.Stolen, "x"), entry, Today);
        Assert.Equal((Today.AddDays(-3), "WO-3", (UnreachableReason?)null, (string?)null), (entry.ServiceDate, entry.ServiceReference, entry.UnreachableReason, entry.ReasonNote));
        RecallVehicleRules.Apply(new(RecallVehicleStatus.Open, Today, "WO-4"), entry, Today);
        Assert.Equal(((DateOnly?)null, (string?)null), (entry.ServiceDate, entry.ServiceReference));
    }

    [Theory]
    [InlineData(RecallVehicleStatus.Remedied, null, null, null, "serviceDate")]
    [InlineData(RecallVehicleStatus.Inspected, null, null, null, "serviceDate")]
    [InlineData(RecallVehicleStatus.Remedied, 5, null, null, "serviceDate")]
    [InlineData(RecallVehicleStatus.Unreachable, null, null, null, "unreachableReason")]
    [InlineData(RecallVehicleStatus.Unreachable, null, UnreachableReason.Other, null, "reasonNote")]
    [InlineData(RecallVehicleStatus.Unreachable, null, (UnreachableReason)42, "x", "unreachableReason")]
    [InlineData((RecallVehicleStatus)9, null, null, null, "status")]
    public void A_status_without_what_it_needs_is_refused_on_its_field(RecallVehicleStatus status, int? daysAhead, UnreachableReason? reason, string? note,
        string field)
    {
        var entry = Entry();
        var e = Assert.Throws<ValidationFailedException>(() =>
            RecallVehicleRules.Apply(new(status, daysAhead is { } d ? Today.AddDays(d) : null, null, reason, note), entry, Today));
        Assert.Equal(field, Assert.Single(e.Errors).Key);
        Assert.Equal(RecallVehicleStatus.Open, entry.Status);
    }

    [Theory]
    [InlineData("WO-1\u0000")]
    [InlineData("WO\u202E1")]
    [InlineData("WO\u200B1")]
    public void A_hidden_character_in_a_service_reference_is_refused(string reference) =>
        Assert.Equal("serviceReference", Assert.Single(Assert.Throws<ValidationFailedException>(() =>
            RecallVehicleRules.Apply(new(RecallVehicleStatus.Remedied, Today, reference), Entry(), Today)).Errors).Key);

    [Fact]
    public void An_over_long_service_reference_or_reason_is_refused()
    {
        Assert.Throws<ValidationFailedException>(() => RecallVehicleRules.ServiceReference(new string('W', RecallVehicle.MaxServiceReferenceLength + 1)));
        Assert.Throws<ValidationFailedException>(() => RecallVehicleRules.Apply(
            new(RecallVehicleStatus.Unreachable, null, null, UnreachableReason.Other, new string('r', RecallVehicle.MaxReasonNoteLength + 1)), Entry(), Today));
    }

    [Fact]
    public void A_vin_list_reports_every_problem_at_once()
    {
        var good = "DEV-" + DemoData.MakeVin('T', 'W', 12_345);
        var text = $"{good}\n=1+1\nSHORT\n\n{good.ToLowerInvariant()};+cmd\n{good[..^1]}X";
        var list = VinList.Check(VinList.Read(text, 100, 10_000), DeploymentEnvironment.Dev);
        Assert.Equal([good], list.Vins);
        Assert.Equal(5, list.Problems.Count);
        Assert.StartsWith("Line 2: '=1+1' starts with =", list.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 3: 'SHORT': A VIN has exactly 17 characters", list.Problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Line 5: '+cmd'", list.Problems[2], StringComparison.Ordinal);
        Assert.Contains("check digit", list.Problems[3], StringComparison.Ordinal);
        Assert.Equal($"{good} is listed 2 times (lines 1 and 5); list it once.", list.Problems[4]);
    }

    [Fact]
    public void A_vin_list_over_its_limits_is_refused_before_it_is_checked()
    {
        Assert.Contains("at most 3 vehicles", Assert.Throws<ValidationFailedException>(() => VinList.Read("A B C D", 3, 1000)).Message, StringComparison.Ordinal);
        Assert.Contains("KB", Assert.Throws<ValidationFailedException>(() => VinList.Read(new string('A', 2049), 3, 2048)).Message, StringComparison.Ordinal);
        Assert.Contains("KB", Assert.Throws<ValidationFailedException>(() => VinList.Read(new string('é', 1500), 3, 2048)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_entry_is_quoted_short_and_without_control_characters()
    {
        var list = VinList.Check(VinList.Read("vin\n\"ABC\u0007DEF<script>alert(document.cookie)</script>\"", 10, 10_000), DeploymentEnvironment.Dev);
        var problem = Assert.Single(list.Problems);
        Assert.DoesNotContain('\u0007', problem);
        Assert.Contains("…", problem, StringComparison.Ordinal);
    }
}
