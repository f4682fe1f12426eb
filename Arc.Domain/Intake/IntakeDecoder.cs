using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Intake;

/// <summary>The limits a message must keep to be believed.</summary>
/// <param name="MaxMessageBytes">AWS IoT Core takes at most 128 KiB per message; more than this is refused.</param>
/// <param name="FutureTolerance">How far ahead of the portal's clock a device's clock may run before its points are refused.</param>
public sealed record IntakeRules(int MaxMessageBytes = 256 * 1024, TimeSpan? FutureTolerance = null)
{
    public TimeSpan Tolerance => FutureTolerance ?? TimeSpan.FromMinutes(5);
}

/// <summary>A message the intake understood: what kind it is, whose, and what it carries.</summary>
/// <param name="Samples">The telemetry points, for a telemetry message.</param>
/// <param name="Document">The vehicle's JSON document, for the other kinds.</param>
public sealed record DecodedMessage(IntakeTopicKind Kind, string Vin, IReadOnlyList<TelemetrySample> Samples, JsonObject? Document);

/// <summary>
/// Turns a transport's bytes into a <see cref="DecodedMessage"/> or a refusal with its reason. Nothing here trusts the
/// sender: the size is checked before parsing, the VIN must be well formed, agree with the topic and with the device's
/// certificate, and no point may come from further ahead than the tolerance.
/// </summary>
public static class IntakeDecoder
{
    public sealed class RefusedException(string reason, string? vin = null) : Exception(reason)
    {
        /// <summary>The VIN the message claimed, when it named a well-formed one.</summary>
        public string? Vin { get; } = vin;
    }

    /// <exception cref="RefusedException">The message can never be written as it is.</exception>
    public static DecodedMessage Decode(IntakeMessage message, DeploymentEnvironment environment, DateTimeOffset now, IntakeRules rules)
    {
        if (message.Body.Length == 0)
            throw new RefusedException("The message is empty.");
        if (message.Body.Length > rules.MaxMessageBytes)
            throw new RefusedException($"The message has {message.Body.Length:N0} bytes; at most {rules.MaxMessageBytes:N0} are accepted.");
        var topic = message.Topic is null ? ((IntakeTopicKind Kind, string Vin)?)null : IntakeTopics.Parse(message.Topic);
        if (message.Topic is not null && topic is null)
            throw new RefusedException($"'{Shorten(message.Topic)}' is not a topic vehicles publish to.");

        JsonObject body;
        try
        {
            body = JsonNode.Parse(message.Body.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) as JsonObject
                   ?? throw new RefusedException("The message is not a JSON object.");
        }
        catch (JsonException)
        {
            throw new RefusedException("The message is not valid JSON.");
        }

        var kind = topic?.Kind ?? IntakeTopicKind.Telemetry;
        // A shadow document names no VIN in its body; the topic does.
        var claimed = body["vin"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : topic?.Vin;
        var envPrefix = body["env_prefix"] is JsonValue p && p.TryGetValue<bool>(out var flag) && flag;
        if (envPrefix && environment == DeploymentEnvironment.Prod)
            throw new RefusedException("env_prefix is not allowed in production.");
        if (!Vin.TryParse(envPrefix ? Bare(claimed) : claimed, environment, out var vin, out var error))
            throw new RefusedException(claimed is null ? "The message names no VIN." : $"'{Shorten(claimed)}' is not a VIN here: {error}");
        foreach (var other in new[] { topic?.Vin, message.DeviceVin })
        {
            if (other is not null && (!Vin.TryParse(envPrefix ? Bare(other) : other, environment, out var proved, out _) || proved != vin))
                throw new RefusedException($"The message names {vin.Value} but came from {Shorten(other)}.", vin.Value);
        }

        if (kind != IntakeTopicKind.Telemetry)
            return new DecodedMessage(kind, vin.Value, [], body);

        IReadOnlyList<TelemetrySample> samples;
        try
        {
            var record = new JsonObject { ["vin"] = vin.Value, ["data"] = body["data"]?.DeepClone() };
            samples = IngestTransform.Transform(record, environment, envPrefix: false);
        }
        catch (ValidationFailedException e)
        {
            throw new RefusedException(e.Message, vin.Value);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new RefusedException("A value in the data list has the wrong type.", vin.Value);
        }
        if (samples.Count == 0)
            throw new RefusedException("The message holds no telemetry values.", vin.Value);
        var newest = samples.Max(s => s.Time);
        if (newest > now + rules.Tolerance)
            throw new RefusedException(
                $"A point is timed {newest:yyyy-MM-dd HH:mm:ss} UTC, {(newest - now).TotalMinutes:N0} minutes ahead of the portal's clock; the device's clock is wrong.",
                vin.Value);
        return new DecodedMessage(kind, vin.Value, samples, body);
    }

    private static string? Bare(string? vin) => vin is null ? null
        : vin.StartsWith("DEV-", StringComparison.OrdinalIgnoreCase) ? vin[4..]
        : vin.StartsWith("STAGE-", StringComparison.OrdinalIgnoreCase) ? vin[6..] : vin;

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
