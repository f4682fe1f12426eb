using Arc.Domain;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Domain.Telemetry;
using Arc.Domain.Users;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Integration.Matrix;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Every use case, called directly (not through a page), as a member of every seeded group, as a signed-in user
/// with no group and as nobody: it runs exactly when the caller holds the permission it needs.
/// </summary>
public sealed class AuthorizationMatrixTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const string SignedIn = MatrixEntry.SignedIn;
    private const string Anyone = MatrixEntry.Anyone;
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);

    private sealed record Operation(string Requirement, Func<IServiceProvider, Task> Invoke);

    /// <summary>The rows written here, with those of the entry files in Matrix/ (one per use case made from the template).</summary>
    private static readonly Dictionary<Type, Operation> Operations = WithEntryFiles(new()
    {
        [typeof(ListVehicles)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<ListVehicles>().HandleAsync(new ListVehiclesQuery())),
        [typeof(ListVehicleFilterOptions)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<ListVehicleFilterOptions>().HandleAsync()),
        [typeof(GetVehicle)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<GetVehicle>().HandleAsync(Vin)),
        [typeof(AddVehicleNote)] = new(Perm.VehicleRead,
            sp => sp.GetRequiredService<AddVehicleNote>().HandleAsync(new AddVehicleNoteCommand(Vin, "matrix"))),
        [typeof(ListAuditEvents)] = new(Perm.AuditRead, sp => sp.GetRequiredService<ListAuditEvents>().HandleAsync(new AuditQuery())),
        [typeof(GetMyProfile)] = new(SignedIn, sp => sp.GetRequiredService<GetMyProfile>().HandleAsync()),
        // A wrong current password: reaching that check proves the caller was let in, and changes nothing.
        [typeof(ChangePassword)] = new(SignedIn, sp => sp.GetRequiredService<ChangePassword>()
            .HandleAsync(new ChangePasswordCommand("Wrong-Current-1!", "Brand-New-Passw0rd!", "Brand-New-Passw0rd!"))),
        [typeof(SignInWithPassword)] = new(Anyone, sp => sp.GetRequiredService<SignInWithPassword>().HandleAsync("nobody@arc.test", "x")),
        // Authority Manager. Mutations get an input that fails after the permission check, so the matrix changes nothing.
        [typeof(ListAuthorities)] = new(Perm.AuthorityRead, sp => sp.GetRequiredService<ListAuthorities>().HandleAsync()),
        [typeof(GetAuthority)] = new(Perm.AuthorityRead, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(Authority.RootId)),
        [typeof(ListAuthorityVehicles)] = new(Perm.AuthorityRead, sp => sp.GetRequiredService<ListAuthorityVehicles>().HandleAsync(Authority.RootId, null, 0, 10)),
        [typeof(ListVehicleAuthorities)] = new(Perm.AuthorityVehicleRead, sp => sp.GetRequiredService<ListVehicleAuthorities>().HandleAsync(Vin)),
        [typeof(CreateAuthority)] = new(Perm.AuthorityCreate, sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("")),
        [typeof(DeleteAuthority)] = new(Perm.AuthorityDelete, sp => sp.GetRequiredService<DeleteAuthority>().HandleAsync(Authority.RootId)),
        [typeof(ReKeyAuthority)] = new(Perm.AuthorityReKey, sp => sp.GetRequiredService<ReKeyAuthority>().HandleAsync(999_999)),
        [typeof(GrantVehicleAccess)] = new(Perm.AuthorityProvision, sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(999_999, Vin)),
        [typeof(RevokeVehicleAccess)] = new(Perm.AuthorityUnprovision, sp => sp.GetRequiredService<RevokeVehicleAccess>().HandleAsync(Authority.RootId, Vin)),
        [typeof(SetAuthorityMember)] = new(Perm.AuthorityCreate, sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(2, "", member: true)),
        [typeof(SignVehicleToken)] = new(Perm.AuthorityVehicleSign, sp => sp.GetRequiredService<SignVehicleToken>().HandleAsync(2, "")),
        [typeof(GenerateFactoryPin)] = new(Perm.VehicleProvision, sp => sp.GetRequiredService<GenerateFactoryPin>().HandleAsync("bad", preserve: true)),
        [typeof(ViewFactoryPin)] = new(Perm.AuthorityVehicleRead, sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(Vin)),
        [typeof(GetVehicleShadow)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<GetVehicleShadow>().HandleAsync(Vin)),
        [typeof(Arc.Domain.SideEffects.ListPendingSideEffects)] = new(Perm.VehicleRead,
            sp => sp.GetRequiredService<Arc.Domain.SideEffects.ListPendingSideEffects>().HandleAsync(Vin)),
        [typeof(Arc.Domain.Provisioning.ProvisionVehicle)] = new(Perm.VehicleProvision, sp => sp.GetRequiredService<Arc.Domain.Provisioning.ProvisionVehicle>()
            .HandleAsync(new Arc.Domain.Provisioning.ProvisionRequest("bad", 1, new Arc.Domain.Provisioning.VehicleOptions(false, false, false), false))),
        [typeof(Arc.Domain.Provisioning.ProvisionVehicleForPickup)] = new(Perm.VehicleProvision, sp => sp.GetRequiredService<Arc.Domain.Provisioning.ProvisionVehicleForPickup>()
            .HandleAsync(new Arc.Domain.Provisioning.ProvisionRequest("bad", 1, new Arc.Domain.Provisioning.VehicleOptions(false, false, false), false))),
        [typeof(Arc.Domain.Provisioning.CollectVehicleIdentity)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.CollectVehicleIdentity>().HandleAsync("bad")),
        [typeof(Arc.Domain.Provisioning.GetProvisioningChoices)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.GetProvisioningChoices>().HandleAsync()),
        [typeof(Arc.Domain.Provisioning.GetExistingVehicle)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.GetExistingVehicle>().HandleAsync("bad")),
        [typeof(Arc.Domain.Provisioning.UnprovisionVehicle)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.UnprovisionVehicle>().HandleAsync("bad")),
        // Users and the user pool. "nobody" does not exist: reaching that check proves the caller got in.
        [typeof(ListUsers)] = new(Perm.UsersRead, sp => sp.GetRequiredService<ListUsers>().HandleAsync(new UserQuery())),
        [typeof(GetUser)] = new(Perm.UserRead, sp => sp.GetRequiredService<GetUser>().HandleAsync("nobody")),
        [typeof(CreateUser)] = new(Perm.UserCreate, sp => sp.GetRequiredService<CreateUser>().HandleAsync(new NewUser("", "", null))),
        [typeof(ResendInvitation)] = new(Perm.UserResendInvite, sp => sp.GetRequiredService<ResendInvitation>().HandleAsync("nobody")),
        [typeof(SetUserEnabled)] = new(Perm.UserDisable, sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync("nobody", enabled: false)),
        [typeof(SetUserGroup)] = new(Perm.UserWrite + "&" + Perm.GroupWrite, sp => sp.GetRequiredService<SetUserGroup>().HandleAsync("nobody", 9, member: true)),
        [typeof(AddUserToGroupByEmail)] = new(Perm.UserWrite + "&" + Perm.GroupWrite, sp => sp.GetRequiredService<AddUserToGroupByEmail>().HandleAsync("", 9)),
        [typeof(GetPermissionGroup)] = new(Perm.GroupRead, sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(987_654)),
        [typeof(CreatePermissionGroup)] = new(Perm.GroupCreate, sp => sp.GetRequiredService<CreatePermissionGroup>().HandleAsync("")),
        [typeof(RenamePermissionGroup)] = new(Perm.GroupWrite, sp => sp.GetRequiredService<RenamePermissionGroup>().HandleAsync(987_654, "")),
        [typeof(DeletePermissionGroup)] = new(Perm.GroupDelete, sp => sp.GetRequiredService<DeletePermissionGroup>().HandleAsync(1)),
        [typeof(SetGroupPermission)] = new(Perm.GroupAddPermission, sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(987_654, "none", granted: true)),
        [typeof(StartTotpEnrolment)] = new(SignedIn, sp => sp.GetRequiredService<StartTotpEnrolment>().HandleAsync()),
        [typeof(GetMfaStatus)] = new(SignedIn, sp => sp.GetRequiredService<GetMfaStatus>().HandleAsync()),
        [typeof(ConfirmTotpEnrolment)] = new(SignedIn, sp => sp.GetRequiredService<ConfirmTotpEnrolment>().HandleAsync("x", "")),
        [typeof(DisableTotp)] = new(Perm.UserProfileWrite, sp => sp.GetRequiredService<DisableTotp>().HandleAsync("nobody", "x")),
        [typeof(VerifySignInCode)] = new(Anyone, sp => sp.GetRequiredService<VerifySignInCode>().HandleAsync("nobody", "123456")),
        [typeof(RequestPasswordReset)] = new(Anyone, sp => sp.GetRequiredService<RequestPasswordReset>().HandleAsync("nobody@arc.test", "matrix")),
        [typeof(ResetPasswordWithCode)] = new(Anyone, sp => sp.GetRequiredService<ResetPasswordWithCode>().HandleAsync("nobody@arc.test", "123456", "x", "x", "matrix")),
        [typeof(SignInWithExternalAccount)] = new(Anyone, sp => sp.GetRequiredService<SignInWithExternalAccount>().HandleAsync(new ExternalIdentity("oidc", "nobody", "nobody@arc.test", false))),
        [typeof(AuthenticateProviderToken)] = new(Anyone, sp => sp.GetRequiredService<AuthenticateProviderToken>().HandleAsync(new ExternalIdentity("oidc", "nobody", "nobody@arc.test", false))),
        [typeof(UpdateUserProfile)] = new(Perm.UserProfileWrite, sp => sp.GetRequiredService<UpdateUserProfile>().HandleAsync("nobody", new ProfileChange("", "", null))),
        [typeof(UpdateUserAvatar)] = new(Perm.UserProfileWrite, sp => sp.GetRequiredService<UpdateUserAvatar>().HandleAsync("nobody", [])),
        [typeof(GetUserAvatar)] = new(SignedIn, sp => sp.GetRequiredService<GetUserAvatar>().HandleAsync("nobody")),
        [typeof(SetUserMfa)] = new(Perm.UserProfileWrite, sp => sp.GetRequiredService<SetUserMfa>().HandleAsync("nobody", "sometimes")),
        [typeof(DeleteUser)] = new(Perm.UserDelete, sp => sp.GetRequiredService<DeleteUser>().HandleAsync("nobody")),
        [typeof(GetMyPreferences)] = new(SignedIn, sp => sp.GetRequiredService<GetMyPreferences>().HandleAsync()),
        [typeof(SetMyPreference)] = new(SignedIn, sp => sp.GetRequiredService<SetMyPreference>().HandleAsync("none", null)),
        [typeof(ListMySessions)] = new(SignedIn, sp => sp.GetRequiredService<ListMySessions>().HandleAsync()),
        [typeof(EndMySession)] = new(SignedIn, sp => sp.GetRequiredService<EndMySession>().HandleAsync(Guid.NewGuid())),
        [typeof(SignOutEverywhere)] = new(SignedIn, sp => sp.GetRequiredService<SignOutEverywhere>().HandleAsync()),
        [typeof(ListUserSessions)] = new(Perm.UserRead, sp => sp.GetRequiredService<ListUserSessions>().HandleAsync("nobody")),
        [typeof(ConfirmEmailChange)] = new(Perm.UserProfileWrite, sp => sp.GetRequiredService<ConfirmEmailChange>().HandleAsync("nobody", "123456")),
        [typeof(ListUserVehicles)] = new(Perm.UserRead, sp => sp.GetRequiredService<ListUserVehicles>().HandleAsync("nobody", null, 0, 10)),
        [typeof(EndUserSessions)] = new(Perm.UserDisable, sp => sp.GetRequiredService<EndUserSessions>().HandleAsync("nobody")),
        [typeof(GetVehicleTelemetry)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<GetVehicleTelemetry>().HandleAsync(Vin)),
        [typeof(GetFleetLatestState)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<GetFleetLatestState>().HandleAsync([])),
        [typeof(ListTelemetryDefinitions)] = new(Perm.TelemetryMetricsRead, sp => sp.GetRequiredService<ListTelemetryDefinitions>().HandleAsync()),
        [typeof(AddTelemetryDefinitionVersion)] = new(Perm.TelemetryDefinitionWrite,
            sp => sp.GetRequiredService<AddTelemetryDefinitionVersion>().HandleAsync("", "", "x.json", [])),
        [typeof(GetVehicleTelemetryConfiguration)] = new(Perm.TelemetryPointsRead, sp => sp.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync("bad")),
        [typeof(SaveVehicleTelemetryConfiguration)] = new(Perm.TelemetryPointsWrite,
            sp => sp.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync("bad", TelemetryCatalogue.Current, ["speed"])),
        [typeof(ResetVehicleTelemetryConfiguration)] = new(Perm.TelemetryPointsWrite,
            sp => sp.GetRequiredService<ResetVehicleTelemetryConfiguration>().HandleAsync("bad", TelemetryCatalogue.Current)),
        [typeof(StartTelemetryBackfill)] = new(Perm.TelemetryBackfill, sp => sp.GetRequiredService<StartTelemetryBackfill>().HandleAsync("bad", "x.ndjson", [])),
        [typeof(ListTelemetryBackfills)] = new(Perm.TelemetryBackfill, sp => sp.GetRequiredService<ListTelemetryBackfills>().HandleAsync("bad")),
        // Telemetry reads of one vehicle: a range that ends before it starts is refused after the caller was let in.
        [typeof(RequestTelemetryExport)] = new(Perm.VehicleRead,
            sp => sp.GetRequiredService<RequestTelemetryExport>().HandleAsync(Vin, [], DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow)),
        [typeof(ListTelemetryExports)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<ListTelemetryExports>().HandleAsync(Vin)),
        // Nobody's export: any signed-in caller gets as far as not finding it (the vehicle is checked on a found one).
        [typeof(DownloadTelemetryExport)] = new(SignedIn, sp => sp.GetRequiredService<DownloadTelemetryExport>().HandleAsync(999_999_999)),
        [typeof(ListChartableTelemetryPoints)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<ListChartableTelemetryPoints>().HandleAsync(Vin)),
        [typeof(GetTelemetrySeries)] = new(Perm.VehicleRead,
            sp => sp.GetRequiredService<GetTelemetrySeries>().HandleAsync(Vin, "speed", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(-1))),
        [typeof(GetVehicleTrack)] = new(Perm.VehicleRead,
            sp => sp.GetRequiredService<GetVehicleTrack>().HandleAsync(Vin, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(-1))),
        [typeof(GetFleetMapState)] = new(Perm.VehicleRead, sp => sp.GetRequiredService<GetFleetMapState>().HandleAsync(987_654)),
        [typeof(ListPermissionGroups)] = new(Perm.GroupsRead, sp => sp.GetRequiredService<ListPermissionGroups>().HandleAsync()),
        [typeof(Arc.Domain.Email.ListOutboxEmails)] = new(Perm.MailOutboxRead,
            sp => sp.GetRequiredService<Arc.Domain.Email.ListOutboxEmails>().HandleAsync(new Arc.Domain.Email.OutboxQuery())),
        [typeof(Arc.Domain.Email.GetOutboxEmail)] = new(Perm.MailOutboxRead, sp => sp.GetRequiredService<Arc.Domain.Email.GetOutboxEmail>().HandleAsync(999_999_999)),
        [typeof(Arc.Domain.Provisioning.PlanBulkProvisioning)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.PlanBulkProvisioning>().HandleAsync("matrix.csv", "")),
        [typeof(Arc.Domain.Provisioning.StartBulkProvisioning)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.StartBulkProvisioning>().HandleAsync(999_999)),
        [typeof(Arc.Domain.Provisioning.RetryFailedBulkRows)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.RetryFailedBulkRows>().HandleAsync(999_999)),
        [typeof(Arc.Domain.Provisioning.ListBulkProvisioningJobs)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.ListBulkProvisioningJobs>().HandleAsync()),
        [typeof(Arc.Domain.Provisioning.GetBulkProvisioningJob)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.GetBulkProvisioningJob>().HandleAsync(999_999, new Arc.Domain.Provisioning.BulkRowQuery())),
        [typeof(Arc.Domain.Provisioning.DownloadBulkIdentities)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.DownloadBulkIdentities>().HandleAsync(999_999)),
        [typeof(Arc.Domain.Provisioning.DiscardBulkIdentities)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.DiscardBulkIdentities>().HandleAsync(999_999)),
        [typeof(Arc.Domain.Provisioning.GetLatestProvisioningRun)] = new(Perm.VehicleProvision,
            sp => sp.GetRequiredService<Arc.Domain.Provisioning.GetLatestProvisioningRun>().HandleAsync(Vin, DateTimeOffset.UtcNow)),
        [typeof(PushVehicleConfiguration)] = new(Perm.VehicleWrite, sp => sp.GetRequiredService<PushVehicleConfiguration>().HandleAsync("bad")),
        [typeof(SetVehicleMetadata)] = new(Perm.VehicleWrite, sp => sp.GetRequiredService<SetVehicleMetadata>()
            .HandleAsync(new VehicleMetadataChange("bad", VehicleMetadataRules.ConfigurationSection, new Dictionary<string, string?> { ["x"] = "1" }))),
    });

    private static Dictionary<Type, Operation> WithEntryFiles(Dictionary<Type, Operation> rows)
    {
        // Add, not set: a use case listed twice is a mistake to notice.
        foreach (var entry in MatrixEntry.All())
            rows.Add(entry.UseCase, new(entry.Requirement, entry.InvokeAsync));
        return rows;
    }

    [Fact]
    public void Every_use_case_is_in_the_matrix()
    {
        var missing = DomainServiceCollectionExtensions.UseCaseTypes.Where(t => !Operations.ContainsKey(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "Add these use cases to the matrix: " + string.Join(", ", missing));
    }

    public static TheoryData<string> Roles()
    {
        var data = new TheoryData<string>();
        foreach (var group in SeedGroups.All)
            data.Add(group.MachineName);
        data.Add("(no group)");
        data.Add("(anonymous)");
        return data;
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_may_run_exactly_the_operations_its_permissions_allow(string role)
    {
        string? username = role switch
        {
            "(anonymous)" => null,
            "(no group)" => await portal.CreateUserAsync($"nogroup-{Guid.NewGuid():N}@arc.test"),
            _ => await portal.CreateUserAsync($"{role}-{Guid.NewGuid():N}@arc.test", role),
        };
        // Here only permissions decide: every caller acts for the root authority. The resource rules have tests of their
        // own: AuthorityScopeTests (authority subtree), ElevationRuleTests (no self-elevation), FleetMemberAccessTests.
        if (username is not null)
            await portal.AddAuthorityMemberAsync(username, Authority.RootId);
        var held = role is "(anonymous)" or "(no group)" ? [] : SeedGroups.ByMachineName(role).Permissions.ToHashSet();
        var failures = new List<string>();
        foreach (var (type, operation) in Operations)
        {
            var expected = operation.Requirement switch
            {
                Anyone => true,
                SignedIn => username is not null,
                var permissions => username is not null && permissions.Split('&').All(held.Contains),
            };
            await using var scope = await portal.AsUserAsync(username);
            var allowed = true;
            try
            {
                await operation.Invoke(scope.ServiceProvider);
            }
            catch (Exception e) when (e is PermissionDeniedException or NotSignedInException)
            {
                allowed = false;
            }
            catch (DomainException)
            {
                // Refused for its input, not for who called: the caller got in.
            }
            if (allowed != expected)
                failures.Add($"{type.Name}: expected {(expected ? "allowed" : "refused")} but was {(allowed ? "allowed" : "refused")}");
        }
        Assert.True(failures.Count == 0, $"{role}: " + string.Join("; ", failures));
    }

    [Fact]
    public async Task A_disabled_member_of_the_administrator_group_may_run_nothing_that_needs_a_permission()
    {
        var username = await portal.CreateUserAsync($"disabled-admin-{Guid.NewGuid():N}@arc.test", "all");
        await using var scope = await portal.AsUserAsync(username);
        await using (var db = portal.CreateDb())
        {
            db.UserSet.Single(u => u.Username == username).Enabled = false;
            await db.SaveChangesAsync();
        }
        portal.Services.GetRequiredService<Arc.Infrastructure.Users.AccountStateStore>().Invalidate(username);
        await Assert.ThrowsAsync<NotSignedInException>(() => scope.ServiceProvider.GetRequiredService<ListVehicles>().HandleAsync(new ListVehiclesQuery()));
        await Assert.ThrowsAsync<NotSignedInException>(() => scope.ServiceProvider.GetRequiredService<ListAuditEvents>().HandleAsync(new AuditQuery()));
    }
}
