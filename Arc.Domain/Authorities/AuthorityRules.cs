using Arc.Domain.Common;

namespace Arc.Domain.Authorities;

/// <summary>The tree and delegation rules of spec/backend.md §4.1, over one unit of work.</summary>
public static class AuthorityRules
{
    public static async Task<Authority> RequireAsync(IArcData data, int id, CancellationToken ct) =>
        await data.FirstOrDefaultAsync(data.Authorities.Where(a => a.Id == id), ct)
        ?? throw new NotFoundException("Authority", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>parent id by authority id, for walking the tree in memory (authorities number in the hundreds).</summary>
    public static async Task<Dictionary<int, int>> ParentsAsync(IArcData data, CancellationToken ct) =>
        (await data.ListAsync(data.Authorities.Select(a => new { a.Id, a.ParentId }), ct)).ToDictionary(a => a.Id, a => a.ParentId);

    /// <summary>The authority and everything below it.</summary>
    public static List<int> SelfAndDescendants(Dictionary<int, int> parents, int id)
    {
        var children = parents.Where(p => p.Key != p.Value).ToLookup(p => p.Value, p => p.Key);
        var result = new List<int> { id };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(children[result[i]].Where(child => !result.Contains(child)));
        return result;
    }

    /// <summary>
    /// Every authority the user acts for (decision 12): those they are a member of and everything below them. A member of
    /// the root therefore acts for all; someone who is a member of nothing acts for none.
    /// </summary>
    public static async Task<HashSet<int>> ScopeAsync(IArcData data, string username, CancellationToken ct)
    {
        var memberOf = await data.ListAsync(data.AuthorityMembers.Where(m => m.Username == username).Select(m => m.AuthorityId), ct);
        if (memberOf.Count == 0)
            return [];
        var parents = await ParentsAsync(data, ct);
        return memberOf.Where(parents.ContainsKey).SelectMany(id => SelfAndDescendants(parents, id)).ToHashSet();
    }

    /// <summary>Refuses, and records the refusal, unless the user acts for the authority (member of it or of one above).</summary>
    public static async Task RequireActsForAsync(IArcData data, ICurrentUser user, string username, int authorityId, CancellationToken ct)
    {
        if (await ActsForAsync(data, username, authorityId, ct))
            return;
        var id = authorityId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw await user.RefuseAsync(username, $"acts for authority {id}",
            $"You do not act for authority {id}: only members of it or of an authority above it may do this.", Audit.AuditEntityTypes.Authority, id, ct);
    }

    /// <summary>The authority and everything above it, up to the root.</summary>
    public static List<int> SelfAndAncestors(Dictionary<int, int> parents, int id)
    {
        var result = new List<int> { id };
        while (parents.TryGetValue(result[^1], out var parent) && parent != 0 && !result.Contains(parent))
            result.Add(parent);
        return result;
    }

    public static Task<bool> ControlsAsync(IArcData data, int authorityId, string vin, CancellationToken ct) =>
        data.AnyAsync(data.VehicleAuthorities.Where(va => va.AuthorityId == authorityId && va.Vin == vin), ct);

    /// <summary>A VIN exists for the Authority Manager once the root authority holds it (it is provisioned).</summary>
    public static Task<bool> IsKnownAsync(IArcData data, string vin, CancellationToken ct) =>
        ControlsAsync(data, Authority.RootId, vin, ct);

    /// <summary>
    /// The ownership rule (decision 6): a user acts for an authority when they are a member of it or of any authority
    /// above it. Members of the root therefore act for every authority.
    /// </summary>
    public static async Task<bool> ActsForAsync(IArcData data, string username, int authorityId, CancellationToken ct)
    {
        var chain = SelfAndAncestors(await ParentsAsync(data, ct), authorityId);
        return await data.AnyAsync(data.AuthorityMembers.Where(m => m.Username == username && chain.Contains(m.AuthorityId)), ct);
    }

    public static string CleanDescription(string? description)
    {
        var text = (description ?? "").Trim();
        if (text.Length == 0)
            throw new ValidationFailedException("description", "An authority needs a description (a name).");
        if (text.Length > Authority.MaxDescriptionLength)
            throw new ValidationFailedException("description", $"A description has at most {Authority.MaxDescriptionLength} characters.");
        if (PlainText.HasHiddenCharacters(text))
            throw new ValidationFailedException("description", "A description cannot contain control characters or invisible formatting (such as a right-to-left override).");
        return text;
    }
}
