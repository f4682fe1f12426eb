using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

public sealed record NewModel(string? ModelName, string? LetterCode, string? Description);

/// <summary>
/// Adds a vehicle model (permission model.write). Its name and its letter (the VIN's fifth character) are each unique,
/// whatever the case: the letter is how a VIN names its model.
/// </summary>
public sealed class CreateModel(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(NewModel request, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.ModelWrite, ct);
        var name = CatalogueRules.ModelName(request.ModelName);
        var letter = CatalogueRules.LetterCode(request.LetterCode);
        var description = CatalogueRules.Description(request.Description);
        await using var data = dataFactory.Open();
        var lower = name.ToLowerInvariant();
        if (await data.AnyAsync(data.VehicleModels.Where(m => m.ModelName.ToLower() == lower), ct))
            throw new ValidationFailedException("modelName", $"A model named '{name}' exists already.");
        if (await data.FirstOrDefaultAsync(data.VehicleModels.Where(m => m.LetterCode == letter), ct) is { } taken)
            throw new ValidationFailedException("letterCode", $"The letter {letter} is {taken.ModelName}'s already.");
        var platform = await data.FirstOrDefaultAsync(data.Set<VehiclePlatform>().OrderBy(p => p.Id), ct)
            ?? throw new ConflictException("There is no vehicle platform to add the model to.");
        var model = new VehicleModel { ModelName = name, LetterCode = letter, Description = description, PlatformId = platform.Id, Created = time.GetUtcNow() };
        data.Add(model);
        await data.AssignIdAsync(model, ct);
        audit.Record(data, username, CatalogueAuditActions.ModelCreated, CatalogueAuditActions.ModelEntity, CatalogueRules.Id(model.Id),
            new { model.ModelName, model.LetterCode, model.Description });
        await data.SaveChangesAsync(ct);
        return model.Id;
    }
}
