using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Arc.Infrastructure.Persistence;

/// <summary>
/// Writes rows queued by <see cref="Arc.Domain.Common.IArcData.AddMany{T}"/> with PostgreSQL's binary COPY, column for
/// column as the model maps the entity (value converters applied), inside the open transaction of the save. Ids the rows
/// lack are drawn from the table's sequence first, so their many-to-many links can be copied after them.
/// </summary>
internal static class BulkCopy
{
    public static async Task WriteAsync(DbContext db, IEntityType type, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties.Count == 1 ? type.FindPrimaryKey()!.Properties[0] : null;
        if (key is { ValueGenerated: ValueGenerated.OnAdd })
            await AssignKeysAsync(db, key, table, rows, ct);

        var columns = type.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.ValueGenerated != ValueGenerated.OnAddOrUpdate && p.GetColumnName(table) is not null)
            .ToList();
        await CopyAsync(connection, table, columns.Select(p => p.GetColumnName(table)!).ToList(), rows.Select(row => columns.Select(p =>
        {
            var value = p.GetGetter().GetClrValue(row);
            var converter = p.GetTypeMapping().Converter;
            return (value is null || converter is null ? value : converter.ConvertToProvider(value), p.GetRelationalTypeMapping().StoreTypeNameBase);
        }).ToList()), ct);

        foreach (var skip in type.GetSkipNavigations())
            await CopyLinksAsync(connection, skip, rows, ct);
    }

    private static async Task AssignKeysAsync(DbContext db, IProperty key, StoreObjectIdentifier table, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var missing = rows.Where(r => Equals(key.GetGetter().GetClrValue(r), Activator.CreateInstance(key.ClrType))).ToList();
        if (missing.Count == 0)
            return;
        var ids = await db.Database.SqlQueryRaw<long>(
                "SELECT nextval(pg_get_serial_sequence({0}, {1})) AS \"Value\" FROM generate_series(1, {2})",
                Qualified(table), key.GetColumnName(table)!, missing.Count)
            .ToListAsync(ct);
        for (var i = 0; i < missing.Count; i++)
            key.PropertyInfo!.SetValue(missing[i], Convert.ChangeType(ids[i], key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The join rows of a many-to-many navigation (a note's tags): one per row and linked entity, by their ids.</summary>
    private static async Task CopyLinksAsync(NpgsqlConnection connection, ISkipNavigation skip, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var join = skip.JoinEntityType;
        var table = StoreObjectIdentifier.Table(join.GetTableName()!, join.GetSchema());
        var own = skip.ForeignKey;
        var other = skip.Inverse!.ForeignKey;
        var ownKey = own.PrincipalKey.Properties.Single();
        var otherKey = other.PrincipalKey.Properties.Single();
        var links = new List<List<(object?, string)>>();
        foreach (var row in rows)
        {
            if (skip.GetGetter().GetClrValue(row) is not IEnumerable targets)
                continue;
            foreach (var target in targets)
            {
                var id = otherKey.GetGetter().GetClrValue(target);
                if (Equals(id, Activator.CreateInstance(otherKey.ClrType)))
                    throw new InvalidOperationException($"A {skip.TargetEntityType.ClrType.Name} linked from rows added in bulk needs its id first.");
                links.Add([(ownKey.GetGetter().GetClrValue(row), own.Properties[0].GetRelationalTypeMapping().StoreTypeNameBase),
                    (id, other.Properties[0].GetRelationalTypeMapping().StoreTypeNameBase)]);
            }
        }
        if (links.Count > 0)
            await CopyAsync(connection, table, [own.Properties[0].GetColumnName(table)!, other.Properties[0].GetColumnName(table)!], links, ct);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, StoreObjectIdentifier table, IReadOnlyList<string> columns,
        IEnumerable<List<(object? Value, string Type)>> rows, CancellationToken ct)
    {
        var command = $"COPY {Qualified(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(command, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var (value, type) in row)
            {
                if (value is null)
                    await writer.WriteNullAsync(ct);
                else
                    await writer.WriteAsync(value, type, ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    private static string Qualified(StoreObjectIdentifier table) => table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
