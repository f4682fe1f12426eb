using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Makes PostgreSQL refuse, at commit, every transaction that inserted a matching row into a table: a deferred
/// constraint trigger that raises an error. It shows what a failure at commit leaves behind (nothing, when a change and
/// its audit event share one transaction). Disposing removes it.
/// </summary>
public sealed class FailingCommit : IAsyncDisposable
{
    private readonly PortalServer _portal;
    private readonly string _name;
    private readonly string _table;

    private FailingCommit(PortalServer portal, string name, string table) => (_portal, _name, _table) = (portal, name, table);

    /// <param name="table">The schema-qualified table, such as <c>audit.audit_event</c>.</param>
    /// <param name="condition">A condition on the inserted row, such as <c>NEW.action = 'authority.created'</c>.</param>
    public static async Task<FailingCommit> OnInsertAsync(PortalServer portal, string table, string condition)
    {
        var name = "test_refuse_commit_" + Guid.NewGuid().ToString("N")[..8];
        await using var db = portal.CreateDb();
#pragma warning disable EF1002 // test-only DDL built from literals in the tests
        await db.Database.ExecuteSqlRawAsync($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$;
            CREATE CONSTRAINT TRIGGER {name} AFTER INSERT ON {table} DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {name}();
            """);
#pragma warning restore EF1002
        return new FailingCommit(portal, name, table);
    }

    public async ValueTask DisposeAsync()
    {
        await using var db = _portal.CreateDb();
#pragma warning disable EF1002 // test-only DDL built from literals in the tests
        await db.Database.ExecuteSqlRawAsync($"DROP TRIGGER {_name} ON {_table}; DROP FUNCTION {_name}();");
#pragma warning restore EF1002
    }
}
