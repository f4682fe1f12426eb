using System.Text;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Domain;

public class AuthorityCryptoTests
{
    [Theory]
    [InlineData("{\"vin\":\"7F7ATR312KER00000\"}")]
    [InlineData("{\"vin\":\"X\",\"exp\":1700000000,\"scope\":[\"unlock\",\"drive\"],\"nested\":{\"a\":null,\"b\":true,\"c\":false}}")]
    [InlineData("{\"name\":\"Zoë Ångström — 東京 🚗\",\"vin\":\"X\"}")]
    [InlineData("{\"q\":\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 del \\u007f\",\"vin\":\"X\"}")]
    [InlineData("{\"f\":[1.0,0.1,1e-05,0.0001,1.5e16,1e16,123456789.125,-0.0,2.5E+3,1E400],\"vin\":\"X\"}")]
    [InlineData("{\"z\":1,\"a\":2,\"m\":{\"y\":[],\"x\":{}},\"vin\":\"X\"}")]
    public async Task The_payload_is_byte_for_byte_what_python_json_dumps_writes(string json)
    {
        if (json.Contains("1E400", StringComparison.Ordinal))
        {
            Assert.Throws<ValidationFailedException>(() => PythonJson.Canonicalize(json));
            json = json.Replace(",1E400", "", StringComparison.Ordinal);
        }
        Assert.Equal(await ExternalTools.PythonDumpsAsync(json), PythonJson.Canonicalize(json));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e22, "1e+22")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(123.456, "123.456")]
    [InlineData(5e-324, "5e-324")]
    public void Floats_are_written_as_python_repr(double value, string expected) => Assert.Equal(expected, PythonJson.PythonRepr(value));

    [Theory]
    [InlineData("", "required")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("\"vin\"", "JSON object")]
    [InlineData("{\"vin\": 12}", "vin must be present in token")]
    [InlineData("{\"exp\": 1}", "vin must be present in token")]
    [InlineData("{\"vin\": \"X\",", "not valid JSON")]
    [InlineData("{\"vin\": \"X\", \"vin\": \"Y\"}", "twice")]
    [InlineData("{\"vin\": \"X\" /* c */}", "not valid JSON")]
    public void Malformed_tokens_are_refused_with_a_reason(string json, string reason)
    {
        var error = Assert.Throws<ValidationFailedException>(() => VehicleToken.Prepare(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_and_deeply_nested_tokens_are_refused()
    {
        Assert.Throws<ValidationFailedException>(() => VehicleToken.Prepare("{\"vin\":\"X\",\"pad\":\"" + new string('a', 9000) + "\"}"));
        var deep = "{\"vin\":\"X\",\"d\":" + string.Concat(Enumerable.Repeat("[", 20)) + string.Concat(Enumerable.Repeat("]", 20)) + "}";
        Assert.Throws<ValidationFailedException>(() => VehicleToken.Prepare(deep));
    }

    [Fact]
    public async Task A_signed_token_verifies_with_nodes_crypto_and_fails_when_one_byte_changes()
    {
        var (pem, point) = AuthorityKeyPair.Generate();
        Assert.Equal(65, point.Length);
        Assert.Equal(0x04, point[0]);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Encoding.ASCII.GetString(pem), StringComparison.Ordinal);
        var trusted = Convert.ToBase64String(point);
        using var key = AuthorityKeyPair.LoadPrivate(pem);
        var (payload, vin) = VehicleToken.Prepare("{\"vin\": \"7F7ATR312KER00000\", \"expires\": 1767225600, \"holder\": \"Zoë\"}");
        var token = VehicleToken.Sign(payload, key);

        Assert.StartsWith("{\"vin\": \"7F7ATR312KER00000\", \"expires\": 1767225600, \"holder\": \"Zo\\u00eb\"}\n====SIGNATURE====\n", token, StringComparison.Ordinal);
        Assert.Equal(88, token[(token.LastIndexOf('\n') + 1)..].Length);
        Assert.Equal($"valid {vin}", await ExternalTools.VerifyTokenAsync(token, trusted));
        Assert.True(VehicleToken.Verify(token, trusted));

        var altered = token.Replace("00000", "00001", StringComparison.Ordinal);
        Assert.Equal("invalid", await ExternalTools.VerifyTokenAsync(altered, trusted));
        var (_, otherPoint) = AuthorityKeyPair.Generate();
        Assert.Equal("invalid", await ExternalTools.VerifyTokenAsync(token, Convert.ToBase64String(otherPoint)));
    }

    [Fact]
    public void Factory_pins_are_six_digits_and_never_trivial()
    {
        for (var i = 0; i < 2000; i++)
        {
            var pin = FactoryPin.Generate().Value;
            Assert.Matches("^[0-9]{6}$", pin);
            Assert.False(FactoryPin.IsTrivial(pin));
        }
    }

    [Fact]
    public void Trivial_draws_are_drawn_again_and_leading_zeros_survive()
    {
        var draws = new Queue<int>([0, 111111, 123456, 987654, 543210, 42]);
        Assert.Equal("000042", FactoryPin.Generate(draws.Dequeue).Value);
        Assert.Empty(draws);
    }

    [Theory]
    [InlineData("000000")]
    [InlineData("012345")]
    [InlineData("567890")]
    [InlineData("098765")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Trivial_or_malformed_pins_are_refused(string pin) =>
        Assert.Throws<ValidationFailedException>(() => FactoryPin.Parse(pin));

    [Fact]
    public void Every_six_digit_value_can_be_drawn()
    {
        // Uniform over 000000-999999: the bounds themselves come out as drawn (999999 is trivial and redrawn).
        Assert.Equal("000001", FactoryPin.Generate(() => 1).Value);
        var draws = new Queue<int>([999999, 999998]);
        Assert.Equal("999998", FactoryPin.Generate(draws.Dequeue).Value);
    }
}
