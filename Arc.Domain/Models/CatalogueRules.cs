using System.Globalization;
using System.Text.RegularExpressions;
using Arc.Domain.Common;
using Arc.Domain.Notes;

namespace Arc.Domain.Models;

/// <summary>The rules of the model, release and part catalogue (spec/backend.md §1.21, §7.1), shared by its use cases.</summary>
public static partial class CatalogueRules
{
    public const int MaxModelNameLength = 20;
    public const int MaxLetterCodeLength = 1;
    public const int MaxDescriptionLength = 500;
    public const int MinReleaseDescriptionLength = 10;
    public const int MaxPartTypeLength = 50;
    public const int PartNumberLength = 6;
    public const string NoteTag = "parts";
    public const string QualityNoteTag = "quality";

    public static string ModelName(string? name) => Name(name, "modelName", "model name", MaxModelNameLength);

    /// <summary>The model's letter: VIN position 5, one capital letter or digit (I, O and Q never appear in a VIN).</summary>
    public static string LetterCode(string? code)
    {
        var text = (code ?? "").Trim().ToUpperInvariant();
        if (!LetterPattern().IsMatch(text))
            throw new ValidationFailedException("letterCode", "The letter code is the VIN's fifth character: one letter or digit other than I, O and Q.");
        return text;
    }

    public static string? Description(string? text, string field = "description")
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (value.Length > MaxDescriptionLength)
            throw new ValidationFailedException(field, $"The description holds at most {MaxDescriptionLength} characters.");
        if (PlainText.HasHiddenCharacters(value))
            throw new ValidationFailedException(field, "The description holds invisible formatting characters; type it again.");
        return value;
    }

    public static string ReleaseDescription(string? text)
    {
        var value = Description(text);
        if (value is null || value.Length < MinReleaseDescriptionLength)
            throw new ValidationFailedException("description", $"Describe the release in at least {MinReleaseDescriptionLength} characters.");
        return value;
    }

    public static string PartTypeName(string? name) => Name(name, "partType", "part type", MaxPartTypeLength);

    /// <summary>A part number as the catalogue writes them: exactly six letters or digits (e.g. 004280).</summary>
    public static string PartNumber(string? number, string field = "partNumber")
    {
        var text = (number ?? "").Trim().ToUpperInvariant();
        if (!PartNumberPattern().IsMatch(text))
            throw new ValidationFailedException(field, $"A part number is exactly {PartNumberLength} letters or digits, such as 004280.");
        return text;
    }

    private static string Name(string? name, string field, string what, int max)
    {
        var text = (name ?? "").Trim();
        if (text.Length == 0)
            throw new ValidationFailedException(field, $"Enter the {what}.");
        if (text.Length > max)
            throw new ValidationFailedException(field, $"The {what} holds at most {max} characters.");
        if (PlainText.HasHiddenCharacters(text) || text.Any(c => c is '<' or '>' or '"' or '\\'))
            throw new ValidationFailedException(field, $"The {what} may not hold invisible characters, quotes, angle brackets or backslashes.");
        return text;
    }

    /// <summary>
    /// The bill of a new release checked against the current part types: every current type has one known number and
    /// nothing else is listed. Each problem is named, so a form can show them all at once.
    /// </summary>
    public static Dictionary<string, string> ReleaseParts(IReadOnlyDictionary<string, string?>? parts, IReadOnlyCollection<string> currentTypes,
        IReadOnlyCollection<(string PartType, string PartNumber)> known)
    {
        parts ??= new Dictionary<string, string?>();
        var errors = new Dictionary<string, string>();
        var bill = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in currentTypes)
        {
            if (!parts.TryGetValue(type, out var raw) || string.IsNullOrWhiteSpace(raw))
            {
                errors[type] = $"{type}: enter its part number; a release lists one for every current part type.";
                continue;
            }
            try
            {
                var number = PartNumber(raw, type);
                if (!known.Contains((type, number)))
                    errors[type] = $"{type}: {number} is not a {type} part in the catalogue; add it under Parts first.";
                else
                    bill[type] = number;
            }
            catch (ValidationFailedException e)
            {
                errors[type] = $"{type}: {e.Message}";
            }
        }
        foreach (var extra in parts.Keys.Where(k => !currentTypes.Contains(k)))
            errors["\u0000" + extra] = $"'{Clip(extra)}' is not a current part type.";
        if (errors.Count > 0)
            throw new ValidationFailedException("parts", errors.Count == 1 ? errors.Values.First() : $"{errors.Count} part numbers need attention.", errors.Values);
        return bill;
    }

    /// <summary>True when an existing release of the model lists exactly the same number for every part type.</summary>
    public static bool SameBill(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var n) && n == p.Value);

    public const string DuplicateReleaseMessage = "These part numbers match an existing release of this model (release {0}); choose that release instead.";

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The note tag of that name, new when no note carries it yet; fetch it once per unit of work.</summary>
    public static async Task<NoteTag> TagAsync(IArcData data, string tagName, CancellationToken ct) =>
        await data.FirstOrDefaultAsync(data.NoteTags.Where(t => t.TagName == tagName), ct) ?? new NoteTag { TagName = tagName };

    /// <summary>A system note on a vehicle, tagged as the old system tagged its part and firmware notes.</summary>
    public static void AddVehicleNote(IArcData data, string vin, string author, string content, NoteTag tag, DateTimeOffset at) =>
        data.Add(new Note { ObjectType = NoteObjectTypes.Vehicle, ObjectId = vin, Author = author, Content = content, Created = at, System = true, Tags = [tag] });

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^[A-HJ-NPR-Z0-9]$")]
    private static partial Regex LetterPattern();

    [GeneratedRegex("^[A-Z0-9]{6}$")]
    private static partial Regex PartNumberPattern();
}
