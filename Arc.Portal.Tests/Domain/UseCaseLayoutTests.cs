using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Domain;

namespace Arc.Portal.Tests.Domain;

/// <summary>Decision 0023: one use case per file, named after it, and the template that makes new ones.</summary>
public partial class UseCaseLayoutTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Arc.Portal.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }

    [Fact]
    public void Every_use_case_lives_in_a_file_of_its_own_named_after_it_in_its_namespace_folder()
    {
        var misplaced = new List<string>();
        foreach (var type in DomainServiceCollectionExtensions.UseCaseTypes)
        {
            var folder = type.Namespace!["Arc.Domain".Length..].TrimStart('.').Replace('.', Path.DirectorySeparatorChar);
            var file = Path.Combine(Root, "Arc.Domain", folder, type.Name + ".cs");
            if (!File.Exists(file))
            {
                misplaced.Add(type.FullName!);
                continue;
            }
            var classes = ClassDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Where(IsUseCase).ToList();
            if (classes is not [var only] || only != type.Name)
                misplaced.Add($"{type.Name} shares its file with {string.Join(", ", classes.Where(c => c != type.Name))}");
        }
        Assert.True(misplaced.Count == 0, "Use cases outside a file of their own: " + string.Join("; ", misplaced));
    }

    [Fact]
    public void Every_use_case_has_one_public_operation()
    {
        const BindingFlags operations = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var several = DomainServiceCollectionExtensions.UseCaseTypes
            .Where(t => t.GetMethods(operations).Count(m => !m.IsSpecialName) != 1)
            .Select(t => t.Name).ToList();
        Assert.True(several.Count == 0, "Use cases with other than one public operation: " + string.Join(", ", several));
    }

    [Fact]
    public void The_use_case_template_has_its_files_and_a_valid_definition()
    {
        var template = Path.Combine(Root, "templates", "usecase");
        using var definition = JsonDocument.Parse(File.ReadAllText(Path.Combine(template, ".template.config", "template.json")));
        Assert.Equal("arc-use-case", definition.RootElement.GetProperty("shortName").GetString());
        Assert.Equal("UseCaseName", definition.RootElement.GetProperty("sourceName").GetString());
        var symbols = definition.RootElement.GetProperty("symbols");
        Assert.True(symbols.TryGetProperty("feature", out _) && symbols.TryGetProperty("permission", out _));
        Assert.True(File.Exists(Path.Combine(template, "Arc.Domain", "FeatureName", "UseCaseName.cs")));
        Assert.True(File.Exists(Path.Combine(template, "Arc.Portal.Tests", "Integration", "UseCaseNameTests.cs")));
        Assert.True(File.Exists(Path.Combine(template, "Arc.Portal.Tests", "Integration", "Matrix", "UseCaseName.cs")));
    }

    private static bool IsUseCase(string name) => DomainServiceCollectionExtensions.UseCaseTypes.Any(t => t.Name == name);

    [GeneratedRegex(@"\bclass\s+(\w+)")]
    private static partial Regex ClassDeclaration();
}
