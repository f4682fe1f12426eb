using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Domain;

public class BulkProvisioningCsvTests
{
    private static readonly BulkRelease[] Releases =
    [
        new(3, "FUV: KERS Sensor", "FUV", "T"), new(9, "Deliverator: KERS Sensor", "Deliverator", "D"),
        new(11, "Shared name", "FUV", "T"), new(12, "shared NAME", "FUV", "T"),
    ];

    private static BulkPlan Plan(string csv, params string[] provisioned) =>
        BulkProvisioningCsv.Check(BulkProvisioningCsv.Read(csv), DeploymentEnvironment.Dev, Releases, provisioned.ToHashSet());

    private static string Vin(int serial, char letter = 'T') => DemoData.MakeVin(letter, 'R', serial);

    [Fact]
    public void Good_rows_are_accepted_with_their_options_and_the_environment_prefix()
    {
        var plan = Plan($"VIN,Model_Release_Id,heated_seats,managed_session_mode\r\n{Vin(1)},3,true,false\n\n{Vin(2, 'D')},9,,true\n");
        Assert.Equal(2, plan.Accepted);
        Assert.Equal(0, plan.Rejected);
        var first = plan.Rows[0].Row!;
        Assert.Equal("DEV-" + Vin(1), first.Vin);
        Assert.True(first.Options.HeatedSeats);
        Assert.False(first.ManagedSessionMode);
        Assert.True(plan.Rows[1].Row!.ManagedSessionMode);
        Assert.Equal(4, plan.Rows[1].Line);
    }

    [Fact]
    public void Each_bad_row_gets_its_own_reason_and_good_rows_still_pass()
    {
        var csv = string.Join("\n",
            "vin,model_release_id,stereo_enabled",
            $"{Vin(1)},3,true",
            "NOTAVIN,3,true",
            $"{Vin(2)},77,true",
            $"{Vin(3)},9,true",
            $"{Vin(11)},3,false",
            $"{Vin(4)},3,maybe",
            $"=HYPERLINK(\"http://x\"),3,true",
            $"{Vin(5)},3,true,extra",
            $"{Vin(6)},3,true");
        var plan = Plan(csv, "DEV-" + Vin(6));
        Assert.Equal(2, plan.Accepted);
        string Reason(int line) => plan.Rows.Single(r => r.Line == line).Problem!;
        Assert.Contains("17 characters", Reason(3), StringComparison.Ordinal);
        Assert.Contains("does not exist", Reason(4), StringComparison.Ordinal);
        Assert.Contains("model letter D", Reason(5), StringComparison.Ordinal);
        Assert.True(plan.Rows.Single(r => r.Line == 6).Ok);
        Assert.Contains("true or false", Reason(7), StringComparison.Ordinal);
        Assert.Contains("formula", Reason(8), StringComparison.Ordinal);
        Assert.Contains("more cells", Reason(9), StringComparison.Ordinal);
        Assert.Contains("already provisioned", Reason(10), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("vin\nX", "model_release_id")]
    [InlineData("vin,model_release_id,colour\nX,1,red", "Unknown column")]
    [InlineData("vin,vin,model_release_id\nX,X,1", "named twice")]
    [InlineData("vin,model_release_id\n", "no vehicles")]
    [InlineData("vin,model_release_id\n\"unclosed,3", "not closed")]
    public void Unreadable_files_are_refused_whole(string csv, string reason)
    {
        var error = Assert.Throws<ValidationFailedException>(() => BulkProvisioningCsv.Read(csv));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_files_are_refused_before_they_are_read()
    {
        var huge = "vin,model_release_id\n" + string.Concat(Enumerable.Repeat("7F7ATR31XLER00019,3\n", 40_000));
        Assert.Throws<ValidationFailedException>(() => BulkProvisioningCsv.Read(huge));
        var many = "vin,model_release_id\n" + string.Concat(Enumerable.Range(0, BulkProvisioningCsv.MaxRows + 1).Select(i => $"{i},3\n"));
        Assert.Contains("at most", Assert.Throws<ValidationFailedException>(() => BulkProvisioningCsv.Read(many)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_cells_may_hold_commas_and_quotes()
    {
        var plan = Plan($"vin,model_release_id\n\"{Vin(7)}\",\"3\"\n\"{Vin(8)}\",\"3,\"\"x\"\"\"");
        Assert.True(plan.Rows[0].Ok);
        Assert.False(plan.Rows[1].Ok);
    }
}
