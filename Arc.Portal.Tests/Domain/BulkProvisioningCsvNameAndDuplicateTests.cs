using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Domain;

/// <summary>Bulk files naming releases by name, VINs given twice, hostile cells and the template the page offers.</summary>
public class BulkProvisioningCsvNameAndDuplicateTests
{
    private static readonly BulkRelease[] Releases =
    [
        new(3, "FUV: KERS Sensor", "FUV", "T"), new(9, "Deliverator: KERS Sensor", "Deliverator", "D"),
        new(11, "Shared name", "FUV", "T"), new(12, "shared NAME", "FUV", "T"),
    ];

    private static BulkPlan Plan(string csv) =>
        BulkProvisioningCsv.Check(BulkProvisioningCsv.Read(csv), DeploymentEnvironment.Dev, Releases, new HashSet<string>());

    private static string Vin(int serial, char letter = 'T') => DemoData.MakeVin(letter, 'R', serial);

    private static string Reason(BulkPlan plan, int line) => plan.Rows.Single(r => r.Line == line).Problem ?? "(accepted)";

    [Fact]
    public void A_release_named_in_any_case_is_found_by_its_name()
    {
        var plan = Plan($"vin,model_release\n{Vin(1)},fuv: kers sensor\n{Vin(2, 'D')},  DELIVERATOR: KERS SENSOR \n");
        Assert.Equal([3, 9], plan.Rows.Select(r => r.Row!.ModelReleaseId));
    }

    [Fact]
    public void An_unknown_ambiguous_or_contradicting_release_name_is_a_row_error_that_says_what_to_do()
    {
        var plan = Plan(string.Join("\n", "vin,model_release_id,model_release",
            $"{Vin(1)},,FUV: Discoboard",
            $"{Vin(2)},,shared name",
            $"{Vin(3)},3,Deliverator: KERS Sensor",
            $"{Vin(4)},11,SHARED NAME",
            $"{Vin(5)},3,FUV: KERS SENSOR",
            $"{Vin(6)},,"));
        Assert.Equal("No model release is named 'FUV: Discoboard'; the bulk page lists them with their ids.", Reason(plan, 2));
        Assert.Equal("2 model releases are named 'shared name' (ids 11 and 12); give the id in model_release_id.", Reason(plan, 3));
        Assert.Equal("Model release 3 is 'FUV: KERS Sensor', not 'Deliverator: KERS Sensor'.", Reason(plan, 4));
        Assert.Equal(11, plan.Rows.Single(r => r.Line == 5).Row!.ModelReleaseId); // the id settles a shared name
        Assert.Equal(3, plan.Rows.Single(r => r.Line == 6).Row!.ModelReleaseId);
        Assert.Contains("The model release is missing", Reason(plan, 7), StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_by_name_of_another_model_names_both_letters()
    {
        var plan = Plan($"vin,model_release\n{Vin(1)},Deliverator: KERS Sensor\n");
        Assert.Equal("Model release 9 (Deliverator: KERS Sensor) is for model letter D, but the VIN's is T.", Reason(plan, 2));
    }

    [Fact]
    public void A_vin_given_twice_with_or_without_its_prefix_or_in_lower_case_refuses_every_copy_with_their_lines()
    {
        var plan = Plan(string.Join("\n", "vin,model_release_id",
            $"{Vin(1)},3",
            $"{Vin(2)},3",
            $"dev-{Vin(1).ToLowerInvariant()},3",
            $"{Vin(3)},3",
            $"DEV-{Vin(2)},3",
            $"{Vin(2).ToLowerInvariant()},3"));
        Assert.Equal($"VIN DEV-{Vin(1)} appears on lines 2 and 4; keep one row for it.", Reason(plan, 2));
        Assert.Equal(Reason(plan, 2), Reason(plan, 4));
        Assert.Equal($"VIN DEV-{Vin(2)} appears on lines 3, 6 and 7; keep one row for it.", Reason(plan, 3));
        Assert.Equal(Reason(plan, 3), Reason(plan, 7));
        Assert.Equal(1, plan.Accepted);
        Assert.True(plan.Rows.Single(r => r.Line == 5).Ok);
    }

    [Fact]
    public void A_byte_order_mark_before_the_header_is_not_part_of_the_first_column()
    {
        var plan = Plan($"\uFEFFvin,model_release_id\r\n{Vin(1)},3\r\n");
        Assert.Equal(1, plan.Accepted);
    }

    [Theory]
    [InlineData("vin,release\nX,1", "lacks model_release_id (or model_release)")]
    [InlineData("model_release\nX", "lacks vin")]
    [InlineData("VIN;MODEL_RELEASE_ID\nX;1", "lacks vin and model_release_id")]
    [InlineData("vin,model_release,model_release,heated_seats\nX,a,a,true", "named twice")]
    public void A_header_without_the_vin_or_any_release_column_refuses_the_whole_file(string csv, string reason)
    {
        var error = Assert.Throws<ValidationFailedException>(() => BulkProvisioningCsv.Read(csv));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formulas_in_a_release_name_and_huge_cells_are_refused_with_a_short_message()
    {
        var huge = new string('x', 200_000);
        var plan = Plan(string.Join("\n", "vin,model_release",
            $"{Vin(1)},=cmd|' /C calc'!A0",
            $"{Vin(2)},@SUM(1+1)",
            $"{Vin(3)},{huge}",
            $"{huge},FUV: KERS Sensor"));
        Assert.Contains("formula", Reason(plan, 2), StringComparison.Ordinal);
        Assert.Contains("formula", Reason(plan, 3), StringComparison.Ordinal);
        Assert.StartsWith("No model release is named 'xxx", Reason(plan, 4), StringComparison.Ordinal);
        Assert.Contains("far too long", Reason(plan, 5), StringComparison.Ordinal);
        Assert.All(plan.Rows, r => Assert.True(r.Problem!.Length < 200 && r.Text.Length < 100, r.Problem));
    }

    [Fact]
    public void The_template_names_every_column_and_its_example_row_passes_the_checks()
    {
        var template = BulkProvisioningCsv.Template(DeploymentEnvironment.Dev, Releases[1]);
        var lines = template.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("vin,model_release_id,model_release,heated_seats,heated_grips,stereo_enabled,managed_session_mode", lines[0]);
        var example = Assert.Single(Plan(template).Rows);
        Assert.True(example.Ok, example.Problem);
        Assert.StartsWith("DEV-", example.Vin, StringComparison.Ordinal);
        Assert.Equal(9, example.Row!.ModelReleaseId);
        Assert.StartsWith("7F7AT", BulkProvisioningCsv.Template(DeploymentEnvironment.Prod, Releases[0]).Split("\r\n")[1], StringComparison.Ordinal);
    }
}
