namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// One use case's row of <see cref="AuthorizationMatrixTests"/> in a file of its own, as the <c>arc-use-case</c> template
/// writes it (templates/usecase). The matrix picks up every entry in this assembly, so a new use case brings its row with it.
/// </summary>
public abstract class MatrixEntry
{
    public const string SignedIn = "(signed in)";
    public const string Anyone = "(anyone)";

    public abstract Type UseCase { get; }

    /// <summary>A <c>Perm</c> constant, several joined with '&amp;', or <see cref="SignedIn"/> or <see cref="Anyone"/>.</summary>
    public abstract string Requirement { get; }

    /// <summary>Runs the use case with an input that is refused after the permission check, so the matrix changes nothing.</summary>
    public abstract Task InvokeAsync(IServiceProvider services);

    internal static IEnumerable<MatrixEntry> All() => typeof(MatrixEntry).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(MatrixEntry)))
        .Select(t => (MatrixEntry)Activator.CreateInstance(t)!);
}

/// <summary>A matrix entry for <typeparamref name="TUseCase"/>.</summary>
public abstract class MatrixEntry<TUseCase> : MatrixEntry
{
    public override Type UseCase => typeof(TUseCase);
}
