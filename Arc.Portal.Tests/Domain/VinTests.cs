using Arc.Domain.Common;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Domain;

public class VinTests
{
    // Published, real-world VINs whose check digits are known to be valid.
    [Theory]
    [InlineData("1M8GDM9AXKP042788", 1989)] // the classic check-digit example, check digit X; digit in position 7
    [InlineData("1HGCM82633A004352", 2003)]
    [InlineData("11111111111111111", 2001)]
    [InlineData("5YJSA1E26HF999999", 2017)]
    public void Real_world_vins_are_accepted_in_production(string text, int modelYear)
    {
        var vin = Vin.Parse(text, DeploymentEnvironment.Prod);
        Assert.Equal(text, vin.Value);
        Assert.Equal(text, vin.Bare);
        Assert.Equal(modelYear, vin.ModelYear);
    }

    [Fact]
    public void The_makers_own_vin_pattern_yields_model_letter_and_year()
    {
        var text = DemoData.MakeVin('D', 'M', 19);
        var vin = Vin.Parse(text, DeploymentEnvironment.Prod);
        Assert.Equal("7F7", vin.Wmi);
        Assert.Equal('D', vin.ModelLetter);
        Assert.Equal(2021, vin.ModelYear);
        Assert.Equal("R00019", vin.Serial);
    }

    [Theory]
    [InlineData("1M8GDM9A0KP042788", "check digit")]
    [InlineData("1M8GDM9AXKP04278", "exactly 17 characters")]
    [InlineData("1M8GDM9AXKP0427888", "exactly 17 characters")]
    [InlineData("1M8GDM9AXKO042788", "never contains I, O or Q")]
    [InlineData("1M8GDM9AXUP042788", "model-year code")]
    [InlineData("1M8GDM9AX<P042788", "only letters and digits")]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("<script>alert(1)</script>", "17 characters")]
    [InlineData("' OR 1=1 --", "17 characters")]
    public void Malformed_vins_are_refused_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Vin.Parse(text, DeploymentEnvironment.Prod));
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(error.Errors.ContainsKey("vin"));
    }

    [Fact]
    public void An_absurdly_long_input_is_refused_without_echoing_it()
    {
        var text = new string('A', 100_000);
        var error = Assert.Throws<ValidationFailedException>(() => Vin.Parse(text, DeploymentEnvironment.Prod));
        Assert.True(error.Message.Length < 200);
    }

    [Fact]
    public void Dev_adds_its_prefix_to_a_bare_vin_and_accepts_a_typed_one()
    {
        Assert.Equal("DEV-1M8GDM9AXKP042788", Vin.Parse("1m8gdm9axkp042788 ", DeploymentEnvironment.Dev).Value);
        Assert.Equal("DEV-1M8GDM9AXKP042788", Vin.Parse("DEV-1M8GDM9AXKP042788", DeploymentEnvironment.Dev).Value);
        Assert.Equal("STAGE-1M8GDM9AXKP042788", Vin.Parse("1M8GDM9AXKP042788", DeploymentEnvironment.Staging).Value);
    }

    [Theory]
    [InlineData("DEV-1M8GDM9AXKP042788", DeploymentEnvironment.Prod, "no 'DEV-' prefix")]
    [InlineData("STAGE-1M8GDM9AXKP042788", DeploymentEnvironment.Prod, "no 'STAGE-' prefix")]
    [InlineData("STAGE-1M8GDM9AXKP042788", DeploymentEnvironment.Dev, "start with 'DEV-'")]
    [InlineData("DEV-1M8GDM9AXKP042788", DeploymentEnvironment.Staging, "start with 'STAGE-'")]
    public void Another_environments_prefix_is_refused(string text, DeploymentEnvironment environment, string reason)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Vin.Parse(text, environment));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_digit_ten_is_written_as_x()
    {
        Assert.Equal('X', Vin.ComputeCheckDigit("1M8GDM9A0KP042788"));
    }

    [Theory]
    [InlineData('H', 2017)]
    [InlineData('M', 2021)]
    [InlineData('Y', 2030)]
    [InlineData('1', 2031)]
    [InlineData('9', 2039)]
    public void Year_codes_follow_the_table_of_the_portal(char code, int year)
    {
        var vin = Vin.Parse(DemoData.MakeVin('T', code, 1), DeploymentEnvironment.Prod);
        Assert.Equal(year, vin.ModelYear);
    }
}
