using Arc.Domain.Users;

namespace Arc.Portal.Tests.Domain;

public sealed class InvitationGroupsTests
{
    [Fact]
    public void The_groups_read_as_a_sentence() => Assert.Multiple(
        () => Assert.Equal("no permission group yet", InvitationGroups.Describe([])),
        () => Assert.Equal("the Arcimoto group", InvitationGroups.Describe(["Arcimoto"])),
        () => Assert.Equal("the Delivery and Quality groups", InvitationGroups.Describe(["Quality", "Delivery"])),
        () => Assert.Equal("the Delivery, Provision and Quality groups", InvitationGroups.Describe(["Quality", "Provision", "Delivery"])));
}
