using System.Text;
using Arc.Domain.Telemetry;

namespace Arc.Portal.Tests.Domain;

public class MetricsFileTests
{
    private static readonly IReadOnlyList<PointDefinition> Current = TelemetryCatalogue.Versions()[0].Points;

    [Fact]
    public void A_file_in_the_vehicles_format_becomes_point_definitions_keeping_known_groups_and_units()
    {
        const string json = """
            {
              "speed": {"address": 268, "byte_list": [{"byte_num": 0, "num_bits": 16}], "type": "float", "report": "avg", "scale": 10},
              "ambient_temp": {"address": null, "type": "float", "report": "avg", "scale": 10},
              "brake_pressed": {"address": 257, "byte_list": [{"byte_num": 1, "start_bit": 3}]},
              "new_sensor": {"address": 1792, "type": "int", "offset": -40}
            }
            """;
        var (points, problems) = MetricsFile.Read(json, Current);

        Assert.Empty(problems);
        Assert.Equal(["speed", "ambient_temp", "brake_pressed", "new_sensor"], points.Select(p => p.Name));
        var speed = points[0];
        Assert.Equal((268, "float", "avg", 10.0, 0.0), (speed.Address!.Value, speed.Type, speed.Report, speed.Scale, speed.Offset));
        Assert.Equal(Current.Single(p => p.Name == "speed").Group, speed.Group);
        Assert.Equal("""[{"byte_num":0,"start_bit":0,"num_bits":16}]""", speed.ByteList);
        Assert.Equal(Current.Single(p => p.Name == "ambient_temp").Group, points[1].Group);
        Assert.Equal(("bool", (string?)null, 1.0), (points[2].Type, points[2].Report, points[2].Scale));
        Assert.Equal("""[{"byte_num":1,"start_bit":3,"num_bits":1}]""", points[2].ByteList);
        Assert.Equal(("0x700", -40.0, (string?)null), (points[3].Group, points[3].Offset, points[3].ByteList));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1, 2]", "one JSON object")]
    [InlineData("{}", "names no point")]
    [InlineData("""{"Speed": {}}""", "'Speed' is not a point name")]
    [InlineData("""{"speed\" OR 1=1": {}}""", "is not a point name")]
    [InlineData("""{"speed": 5}""", "speed: must be an object")]
    [InlineData("""{"speed": {"address": -1}}""", "speed: address must be a CAN id")]
    [InlineData("""{"speed": {"address": "268"}}""", "speed: address must be a CAN id")]
    [InlineData("""{"speed": {"type": "double"}}""", "speed: type must be")]
    [InlineData("""{"speed": {"report": "max"}}""", "speed: report must be")]
    [InlineData("""{"speed": {"scale": 0}}""", "speed: scale divides the raw value")]
    [InlineData("""{"speed": {"offset": "x"}}""", "speed: offset must be a number")]
    [InlineData("""{"speed": {"colour": "red"}}""", "speed: unknown field 'colour'")]
    [InlineData("""{"speed": {"byte_list": []}}""", "speed: byte_list must be a list of 1 to 8")]
    [InlineData("""{"speed": {"byte_list": [{"byte_num": 99}]}}""", "speed: byte_num must be a whole number from 0 to 63")]
    [InlineData("""{"speed": {"byte_list": [{"num_bits": 0}]}}""", "speed: num_bits must be a whole number from 1 to 64")]
    [InlineData("""{"speed": {"byte_list": [{"bit": 1}]}}""", "speed: each byte_list entry holds only")]
    [InlineData("""{"speed": {}, "speed": {}}""", "speed: named twice")]
    public void A_file_with_any_problem_yields_no_points_and_says_where(string json, string problem)
    {
        var (points, problems) = MetricsFile.Read(json, Current);
        Assert.Empty(points);
        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Many_problems_are_reported_up_to_a_limit_and_too_many_points_are_refused()
    {
        var bad = "{" + string.Join(",", Enumerable.Range(0, 50).Select(i => $"\"p{i}\": {{\"type\": \"x\"}}")) + "}";
        Assert.Equal(MetricsFile.MaxReportedProblems, MetricsFile.Read(bad, Current).Problems.Count);

        var many = new StringBuilder("{");
        for (var i = 0; i <= MetricsFile.MaxPoints; i++)
            many.Append(i == 0 ? "" : ",").Append($"\"p{i}\": {{}}");
        var (points, problems) = MetricsFile.Read(many.Append('}').ToString(), Current);
        Assert.Empty(points);
        Assert.Contains($"at most {MetricsFile.MaxPoints}", Assert.Single(problems), StringComparison.Ordinal);
    }
}
