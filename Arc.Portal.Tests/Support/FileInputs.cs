using Microsoft.Playwright;

namespace Arc.Portal.Tests.Support;

public static class FileInputs
{
    /// <summary>
    /// Chooses a file in a Blazor file input once the circuit has wired it up. A page's markup can be in the browser
    /// before the input's script has attached its change handler; a file chosen in between is silently ignored, as it
    /// would be for a person who clicked that fast. The wiring leaves a file counter on the element, which this waits for.
    /// </summary>
    public static async Task ChooseFileAsync(this ILocator input, FilePayload file)
    {
        var element = await input.ElementHandleAsync();
        await input.Page.WaitForFunctionAsync("e => e._blazorInputFileNextFileId !== undefined", element);
        await input.SetInputFilesAsync(file);
    }
}
