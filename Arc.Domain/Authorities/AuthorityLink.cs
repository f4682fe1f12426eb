namespace Arc.Domain.Authorities;

public sealed record AuthorityLink(int Id, string Description);
