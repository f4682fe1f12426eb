using System.Text.Json;

namespace Arc.Infrastructure.Intake.Sqs;

/// <summary>What the consumer reads from a queue body before handing it over; the pipeline checks everything else.</summary>
public static class SqsMessageBody
{
    /// <summary>
    /// The MQTT topic the IoT rule added to the body (<c>SELECT *, topic() AS topic</c>), since SQS itself does not keep
    /// it; null when the body has none (the old rule, which forwarded telemetry only) or is not a JSON object.
    /// </summary>
    public static string? Topic(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTopic = reader.ValueTextEquals("topic"u8);
                if (!reader.Read())
                    return null;
                if (isTopic)
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed bodies are the pipeline's to refuse, with its reason.
        }
        return null;
    }
}
