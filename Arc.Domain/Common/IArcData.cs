using System.Linq.Expressions;
using Arc.Domain.Alarms;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Email;
using Arc.Domain.Firmware;
using Arc.Domain.Fleets;
using Arc.Domain.InsurerExports;
using Arc.Domain.Intake;
using Arc.Domain.Locations;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Models;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.SideEffects;
using Arc.Domain.Telemetry;
using Arc.Domain.Users;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Common;

/// <summary>
/// One unit of work on the portal's database: queries over its tables and the changes to save together.
/// Everything added before <see cref="SaveChangesAsync"/> (a change and its audit event) commits in one transaction.
/// Each feature names its own tables (<see cref="IVehicleData"/>: <c>data.Vehicles</c>), so a new entity changes its
/// feature's folder, never this interface.
/// </summary>
public interface IArcData : IAsyncDisposable, Api.IApiData, IAlarmData, IAuditData, IAuthorityData, Credentials.ICredentialData, IEmailData, IFirmwareData,
    IFleetData, IIntakeData, IInsurerExportData, ILocationData, IManagedSessionData, IModelData, INoteData, IPermissionData, IProvisioningData,
    Recalls.IRecallData, Rollouts.IRolloutData, ISideEffectData, ITelemetryData, Tsbs.ITsbData, IUserData, IVehicleData
{
    void Add<T>(T entity) where T : class;
    void Remove<T>(T entity) where T : class;

    /// <summary>
    /// Adds many new rows of one table at once: the next save copies them in (PostgreSQL COPY) after the other changes, in
    /// the same transaction, so that 100,000 rows cost one statement rather than 100,000. Rows without an id get theirs
    /// from the table's sequence during the save; many-to-many links to rows that have an id (a note's tags) are copied
    /// too. The rows are not tracked: a later change to one of them is not saved.
    /// </summary>
    void AddMany<T>(IReadOnlyCollection<T> rows) where T : class;

    Task<List<T>> ListAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    Task<bool> AnyAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    /// <exception cref="ConflictException">A row changed since it was read (optimistic concurrency).</exception>
    Task SaveChangesAsync(CancellationToken ct = default);

    /// <summary>
    /// Gives a new entity its database id now, from the id sequence of its table, so the audit event that names it can be
    /// added before the one save that commits both.
    /// </summary>
    Task AssignIdAsync<T>(T entity, CancellationToken ct = default) where T : class;

    /// <summary>
    /// Makes the next save give the entity's row a new version, also when only rows that belong to it change (a group's
    /// permissions, an authority's members), and refuse with a <see cref="ConflictException"/> naming
    /// <paramref name="thing"/> unless the row still has <paramref name="version"/>, the version the editor's page read.
    /// Of two people saving from pages that read the same version, the second is refused and changes nothing. Without
    /// a version (a caller that acts on the current state) the row only gets its new version.
    /// </summary>
    void ExpectVersion<T>(T entity, uint? version, string thing) where T : class, IVersioned;

    /// <summary>
    /// Adds one to a counter of the entity's row in a single statement and returns the new count, so that attempts made
    /// at once (on several nodes) all count. The row stays locked until the next save, which commits the count with
    /// whatever else this unit of work holds (its audit event); disposing without saving undoes it.
    /// </summary>
    Task<int> IncrementAsync<T>(T entity, Expression<Func<T, int>> counter, CancellationToken ct = default) where T : class;

    /// <summary>
    /// Starts this unit of work's transaction now and locks the entity's row until the next save, so that the queries made
    /// in between and the save see one state, and a second unit locking the same row waits for this one to finish.
    /// </summary>
    Task LockAsync<T>(T entity, CancellationToken ct = default) where T : class;
}

/// <summary>
/// The rows of any entity's table to query; each feature's data interface gives its tables names on top of this.
/// </summary>
public interface IEntitySets
{
    IQueryable<T> Set<T>() where T : class;
}

/// <summary>
/// An entity whose row version (PostgreSQL's <c>xmin</c>, new with every write of the row) a page reads with it and
/// sends back with an edit, so that an edit made from a stale page is refused (<see cref="IArcData.ExpectVersion{T}"/>).
/// </summary>
public interface IVersioned
{
    uint Version { get; set; }
}

/// <summary>Opens a fresh unit of work; Blazor circuits live long, so each operation gets its own.</summary>
public interface IArcDataFactory
{
    IArcData Open();
}
