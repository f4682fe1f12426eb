using Arc.Domain.Common;

namespace Arc.Portal.Components.Shared;

/// <summary>
/// What a form or an action button shows while its work runs and after it fails: busy (one run at a time), the
/// page-safe message of a refusal, and the messages of the fields a refusal named. One instance per form:
/// <code>
/// private FormState _form = default!;
/// protected override void OnInitialized() => _form = new(Errors, "email", "phone");
/// private Task SaveAsync() => _form.RunAsync(() => Save.HandleAsync(...));
/// &lt;MudTextField Error="@_form.Has("email")" ErrorText="@_form.ErrorOf("email")" Disabled="@_form.Busy" /&gt;
/// </code>
/// </summary>
/// <param name="fields">The fields the form shows a message under; a refusal naming any other field (or none) is
/// shown as the form's <see cref="Error"/>, so no message is lost.</param>
public sealed class FormState(UserSafeErrors errors, params string[] fields)
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    public bool Busy { get; private set; }

    /// <summary>The message for the form as a whole: a refusal that names no field, or a failure.</summary>
    public string? Error { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = None;

    public bool Has(string field) => FieldErrors.ContainsKey(field);

    public string? ErrorOf(string field) => FieldErrors.TryGetValue(field, out var messages) ? messages[0] : null;

    /// <summary>
    /// Runs <paramref name="work"/> unless a run is going on. A refusal for the form's fields goes to those fields, any
    /// other refusal to <see cref="Error"/>. Returns whether the work finished.
    /// </summary>
    /// <remarks>
    /// The run yields once before the work, so the component whose event started it draws the busy state without
    /// the last refusal. A MudBlazor field drops an error set from outside once its value changes and shows one again
    /// only when its <c>Error</c> parameter changes: without that draw, a field refused a second time for a new value
    /// would keep <c>Error</c> true throughout and show no message.
    /// </remarks>
    public async Task<bool> RunAsync(Func<Task> work, string? whatFailed = null)
    {
        if (Busy)
            return false;
        Busy = true;
        Clear();
        try
        {
            await Task.Yield();
            await work();
            return true;
        }
        catch (ValidationFailedException e) when (e.Errors.Count > 0 && e.Errors.Keys.All(fields.Contains))
        {
            FieldErrors = e.Errors;
            return false;
        }
        catch (DomainException e)
        {
            Error = whatFailed is null ? errors.Describe(e) : errors.Describe(e, whatFailed);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Forgets the last run's messages (a form that was edited or dismissed).</summary>
    public void Clear()
    {
        Error = null;
        FieldErrors = None;
    }
}
