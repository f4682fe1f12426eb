namespace Arc.Portal.Components;

/// <summary>
/// The circuit's light/dark choice. The browser keeps it in a cookie (wwwroot/js/theme.js writes it), so the server
/// knows it when it serves a page: the first paint is already in the chosen theme and the circuit starts from it.
/// </summary>
public sealed class ThemeState
{
    public const string CookieName = "arc-theme";

    public bool IsDarkMode { get; private set; }

    public event Action? Changed;

    public static bool IsDarkRequested(HttpRequest request) => request.Cookies[CookieName] == "dark";

    public void Set(bool dark)
    {
        if (dark == IsDarkMode)
            return;
        IsDarkMode = dark;
        Changed?.Invoke();
    }
}
