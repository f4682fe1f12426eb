using MudBlazor;

namespace Arc.Portal.Components.Layout;

/// <summary>The brand palette (spec/portal.md §8.1): the maker's blue, deep teal headers, light and dark variants.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0077b6",
            Secondary = "#00a6ff",
            AppbarBackground = "#015368",
            Background = "#f5f7f9",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#00a6ff",
            Secondary = "#4fc3f7",
            AppbarBackground = "#012933",
            Background = "#121a1f",
            Surface = "#1b252c",
            DrawerBackground = "#162026",
            // MudBlazor's dark default (half-white) made unselected tabs and captions read as disabled on this surface.
            TextSecondary = "rgba(255,255,255,0.70)",
        },
    };
}
