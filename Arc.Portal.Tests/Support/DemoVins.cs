using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Support;

/// <summary>Demo vehicles the tests open by name: the seed's first vehicle is plan 0 (letters T and L, serial 19).</summary>
public static class DemoVins
{
    /// <summary>The first demo vehicle without the environment prefix.</summary>
    public static readonly string FirstBare = DemoData.MakeVin('T', 'L', 19);

    /// <summary>The first demo vehicle as the development portal writes it.</summary>
    public static readonly string First = "DEV-" + FirstBare;
}
