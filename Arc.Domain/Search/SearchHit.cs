namespace Arc.Domain.Search;

/// <summary>One thing the app-bar search found.</summary>
/// <param name="Kind">What it is, as the result list names it ("Vehicle", "User", "Authority").</param>
/// <param name="Title">What the person recognises it by: the VIN, the user's name, the authority's description.</param>
/// <param name="Detail">A second line that tells similar titles apart, or null.</param>
/// <param name="Path">The page that opens it, relative to the portal's base address.</param>
public sealed record SearchHit(string Kind, string Title, string? Detail, string Path);
