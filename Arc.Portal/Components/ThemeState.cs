namespace Arc.Portal.Components;

/// <summary>The circuit's light/dark choice; the layout stores it in the browser so it survives a reload.</summary>
public sealed class ThemeState
{
    public bool IsDarkMode { get; private set; }

    public event Action? Changed;

    public void Set(bool dark)
    {
        if (dark == IsDarkMode)
            return;
        IsDarkMode = dark;
        Changed?.Invoke();
    }
}
