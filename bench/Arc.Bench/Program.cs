using Arc.Bench;

// Scenario benchmarks: each seeds its own throw-away servers, measures the portal's code against the raw query it
// stands for in the same run, prints the figures and the ratio, and stops the servers.
var scenario = args.FirstOrDefault() ?? "vehicle-list";
switch (scenario)
{
    case "vehicle-list":
        await VehicleListBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "provisioning":
        await ProvisioningBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "telemetry":
        await TelemetryBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    case "token-signing":
        TokenSigningBenchmark.Run(args.Skip(1).ToArray());
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: vehicle-list, token-signing, provisioning, telemetry");
        return 2;
}
return 0;
