using Arc.Bench;

// Scenario benchmarks: each seeds its own throw-away servers, measures the portal's code against the baseline it
// stands for in the same run, prints the figures as `bench <scenario> <figure> <value>` lines, and stops the servers.
// `<scenario> --smoke` runs one scenario at tiny sizes; `smoke` runs them all that way (the test command does).
var scenarios = new Dictionary<string, Func<BenchRun, Task>>
{
    ["vehicle-list"] = VehicleListBenchmark.RunAsync,
    ["token-signing"] = TokenSigningBenchmark.RunAsync,
    ["provisioning"] = ProvisioningBenchmark.RunAsync,
    ["telemetry"] = TelemetryBenchmark.RunAsync,
    ["circuits"] = CircuitsBenchmark.RunAsync,
    ["intake"] = IntakeBenchmark.RunAsync,
    ["trips"] = TripsBenchmark.RunAsync,
    ["fleet-dashboard"] = FleetDashboardBenchmark.RunAsync,
    ["recall-lookup"] = RecallLookupBenchmark.RunAsync,
    ["api"] = ApiBenchmark.RunAsync,
    ["ota-wave"] = OtaWaveBenchmark.RunAsync,
};

var name = args.FirstOrDefault() ?? "vehicle-list";
var smoke = name == "smoke" || args.Contains(BenchRun.SmokeFlag);
// Sizes given on the command line are for one scenario; `smoke` runs every scenario at its own tiny sizes.
var arguments = name == "smoke" ? [] : args.Skip(1).Where(a => a != BenchRun.SmokeFlag).ToList();
var selected = name == "smoke" ? scenarios.Keys.ToList() : [name];
if (selected.FirstOrDefault(s => !scenarios.ContainsKey(s)) is { } unknown)
{
    Console.Error.WriteLine($"Unknown scenario '{unknown}'. Scenarios: {string.Join(", ", scenarios.Keys)}, smoke (all, tiny)");
    return 2;
}
foreach (var scenario in selected)
{
    Console.WriteLine($"== {scenario}{(smoke ? " (smoke)" : "")}");
    try
    {
        await scenarios[scenario](new BenchRun(scenario, smoke, arguments));
    }
    finally
    {
        BenchRun.DeleteTempDirectories();
    }
}
return 0;
