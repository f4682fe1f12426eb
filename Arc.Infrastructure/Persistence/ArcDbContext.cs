using System.Globalization;
using System.Linq.Expressions;
using Arc.Domain.Common;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Arc.Infrastructure.Persistence;

/// <summary>
/// The portal's PostgreSQL database. Schemas follow the old system's three databases (spec/backend.md §2.4):
/// <c>main</c> for vehicles, models, fleets and notes, <c>users</c> for accounts and permissions, plus
/// <c>audit</c> for the audit log and <c>portal</c> for the portal's own plumbing.
/// </summary>
public sealed class ArcDbContext(DbContextOptions<ArcDbContext> options) : DbContext(options), IArcData, IDataProtectionKeyContext
{
    /// <summary>Required by ASP.NET Core data protection, which keeps its keys here.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    IQueryable<T> IEntitySets.Set<T>() => Set<T>();
    void IArcData.Add<T>(T entity) => Set<T>().Add(entity);
    void IArcData.Remove<T>(T entity) => Set<T>().Remove(entity);

    void IArcData.AddMany<T>(IReadOnlyCollection<T> rows)
    {
        if (rows.Count > 0)
            _bulk.Add((Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity."), rows.Cast<object>().ToList()));
    }

    /// <summary>Rows to copy in by the next save (<see cref="IArcData.AddMany{T}"/>).</summary>
    private readonly List<(IEntityType Type, List<object> Rows)> _bulk = [];

    Task<List<T>> IArcData.ListAsync<T>(IQueryable<T> query, CancellationToken ct) => query.ToListAsync(ct);
    Task<int> IArcData.CountAsync<T>(IQueryable<T> query, CancellationToken ct) => query.CountAsync(ct);
    Task<T?> IArcData.FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken ct) where T : default => query.FirstOrDefaultAsync(ct);
    Task<bool> IArcData.AnyAsync<T>(IQueryable<T> query, CancellationToken ct) => query.AnyAsync(ct);
    /// <summary>Versions the next save checks and renews (<see cref="IArcData.ExpectVersion{T}"/>).</summary>
    private readonly List<(object Entity, uint? Version, string Thing)> _expectedVersions = [];

    /// <summary>The transaction of this unit of work once it holds a row lock or a version claim; the next save commits it.</summary>
    private IDbContextTransaction? _unitTransaction;

    async Task IArcData.SaveChangesAsync(CancellationToken ct)
    {
        try
        {
            if (_expectedVersions.Count == 0 && _unitTransaction is null && _bulk.Count == 0)
            {
                await SaveChangesAsync(ct);
                return;
            }
            _unitTransaction ??= await Database.BeginTransactionAsync(ct);
            foreach (var (entity, version, thing) in _expectedVersions)
                await ClaimVersionAsync(entity, version, thing, ct);
            await SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            foreach (var (type, rows) in _bulk)
                await BulkCopy.WriteAsync(this, type, rows, ct);
            await _unitTransaction.CommitAsync(ct);
            ChangeTracker.AcceptAllChanges();
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConflictException("Someone else changed this at the same time; reload and try again.", e);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("This already exists: someone else saved the same thing at the same time; reload and try again.", e);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            throw new ConflictException("This already exists: someone else saved the same thing at the same time; reload and try again.", e);
        }
        finally
        {
            _expectedVersions.Clear();
            _bulk.Clear();
            if (_unitTransaction is not null)
            {
                await _unitTransaction.DisposeAsync();
                _unitTransaction = null;
            }
        }
    }

    async Task IArcData.AssignIdAsync<T>(T entity, CancellationToken ct)
    {
        var type = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity.");
        var key = type.FindPrimaryKey()!.Properties.Single();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var next = (await Database.SqlQueryRaw<long>("SELECT nextval(pg_get_serial_sequence({0}, {1})) AS \"Value\"",
            QualifiedTable(table), key.GetColumnName(table)!).ToListAsync(ct)).Single();
        key.PropertyInfo!.SetValue(entity, Convert.ChangeType(next, key.ClrType, CultureInfo.InvariantCulture));
    }

    void IArcData.ExpectVersion<T>(T entity, uint? version, string thing)
    {
        var index = _expectedVersions.FindIndex(e => ReferenceEquals(e.Entity, entity));
        if (index < 0)
            _expectedVersions.Add((entity, version, thing));
        else if (version is not null)
            _expectedVersions[index] = (entity, version, thing);
    }

    async Task<int> IArcData.IncrementAsync<T>(T entity, Expression<Func<T, int>> counter, CancellationToken ct)
    {
        var entry = Entry(entity);
        var property = entry.Property(counter);
        var (table, where, keys) = RowOf(entry);
        var column = Quote(property.Metadata.GetColumnName(table)!);
        _unitTransaction ??= await Database.BeginTransactionAsync(ct);
#pragma warning disable EF1002 // identifiers come from the model, never from input; values are parameters
        var count = (await Database.SqlQueryRaw<int>(
            $"UPDATE {QualifiedTable(table)} SET {column} = {column} + 1 WHERE {where} RETURNING {column} AS \"Value\"", keys).ToListAsync(ct)).Single();
#pragma warning restore EF1002
        property.OriginalValue = count;
        property.CurrentValue = count;
        property.IsModified = false;
        return count;
    }

    async Task IArcData.LockAsync<T>(T entity, CancellationToken ct)
    {
        var (table, where, keys) = RowOf(Entry(entity));
        _unitTransaction ??= await Database.BeginTransactionAsync(ct);
#pragma warning disable EF1002 // identifiers come from the model, never from input; values are parameters
        await Database.ExecuteSqlRawAsync($"SELECT 1 FROM {QualifiedTable(table)} WHERE {where} FOR UPDATE", keys, ct);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Rewrites one column of the row with its own value, which gives the row a new xmin, only while it still has the
    /// expected one: a single statement that both checks and renews the version, and locks the row until the commit.
    /// </summary>
    private async Task ClaimVersionAsync(object entity, uint? version, string thing, CancellationToken ct)
    {
        var entry = Entry(entity);
        var (table, where, keys) = RowOf(entry);
        var column = Quote(entry.Metadata.GetProperties()
            .First(p => !p.IsKey() && p.ValueGenerated == ValueGenerated.Never && p.ClrType != typeof(byte[]) && p.GetColumnName(table) is not null)
            .GetColumnName(table)!);
        var parameters = keys.ToList();
        if (version is { } expected)
        {
            where += $" AND xmin::text::bigint = {{{parameters.Count}}}";
            parameters.Add((long)expected);
        }
#pragma warning disable EF1002 // identifiers come from the model, never from input; values are parameters
        var renewed = await Database.SqlQueryRaw<long>(
            $"UPDATE {QualifiedTable(table)} SET {column} = {column} WHERE {where} RETURNING xmin::text::bigint AS \"Value\"", parameters.ToArray()).ToListAsync(ct);
#pragma warning restore EF1002
        if (renewed.Count == 0)
            throw ConflictException.ChangedBySomeoneElse(thing);
        var stamp = entry.Property(nameof(IVersioned.Version));
        stamp.OriginalValue = (uint)renewed[0];
        stamp.CurrentValue = (uint)renewed[0];
    }

    /// <summary>The entity's table and a WHERE clause on its key, with the key values as parameters {0}, {1}, ...</summary>
    private static (StoreObjectIdentifier Table, string Where, object[] Keys) RowOf(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        var type = entry.Metadata;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var keys = type.FindPrimaryKey()!.Properties;
        var where = string.Join(" AND ", keys.Select((k, i) => $"{Quote(k.GetColumnName(table)!)} = {{{i}}}"));
        return (table, where, keys.Select(k => entry.Property(k.Name).CurrentValue!).ToArray());
    }

    private static string QualifiedTable(StoreObjectIdentifier table) =>
        table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasPostgresExtension("pg_trgm");
        // Each entity's mapping lives next to its feature's other infrastructure (VehicleConfiguration in Vehicles/).
        b.ApplyConfigurationsFromAssembly(typeof(ArcDbContext).Assembly);
    }
}

public sealed class ArcDataFactory(IDbContextFactory<ArcDbContext> contexts) : IArcDataFactory
{
    public IArcData Open() => contexts.CreateDbContext();
}
