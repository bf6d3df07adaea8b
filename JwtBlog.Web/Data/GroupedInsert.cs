using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace JwtBlog.Web.Data;

// New rows of one entity type as one INSERT ... VALUES (...), (...) RETURNING key on SQLite: one statement to prepare
// for the whole batch, where SaveChanges prepares one per row (each with the table's triggers, such as the search
// index's). Columns, names and values come from the EF model and its type mappings, so a row is stored exactly as
// SaveChanges would store it. The command runs through EF, so its interceptors (FeedWriteWatcher) see it.
// SQLite gives the rows of one INSERT ascending rowids in the order of its VALUES, so the returned keys, sorted, are
// the rows' keys in order.
public static class GroupedInsert
{
    // SQLite's limit on parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32).
    private const int MaxParameters = 32_766;

    // True when the entities (all of one type) can be inserted this way: SQLite, and a model with nothing SaveChanges
    // would add (only a generated integer key, no shadow or other generated properties).
    public static bool Fits(AppDbContext db, IReadOnlyList<object> entities) =>
        db.Database.IsSqlite()
        && entities.Count > 0
        && entities.All(entity => entity.GetType() == entities[0].GetType())
        && db.Model.FindEntityType(entities[0].GetType()) is { } type
        && type.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd, ClrType: var keyType }]
        && keyType == typeof(int)
        && type.GetTableName() is not null
        && !type.GetComplexProperties().Any()
        && !type.GetNavigations().Any(navigation => navigation.TargetEntityType.IsOwned())
        && type.GetProperties().All(p => p.IsPrimaryKey() || (!p.IsShadowProperty() && p.ValueGenerated == ValueGenerated.Never))
        && type.GetProperties().Count() * entities.Count <= MaxParameters;

    // Only for entities that Fit. Sets each entity's key.
    public static async Task InsertAsync(AppDbContext db, IReadOnlyList<object> entities, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(entities[0].GetType())!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties[0];
        var columns = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var names = db.GetService<ISqlGenerationHelper>();

        await using var command = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>(entities.Count * columns.Count);
        var sql = new StringBuilder("INSERT INTO ").Append(names.DelimitIdentifier(table.Name, table.Schema)).Append(" (");
        sql.AppendJoin(", ", columns.Select(column => names.DelimitIdentifier(column.GetColumnName(table)!))).Append(") VALUES ");
        for (var row = 0; row < entities.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var i = 0; i < columns.Count; i++)
            {
                var name = $"p{parameters.Count}";
                var value = columns[i].GetGetter().GetClrValueUsingContainingEntity(entities[row]);
                parameters.Add(columns[i].GetRelationalTypeMapping().CreateParameter(command, name, value, columns[i].IsNullable));
                sql.Append(i == 0 ? "" : ", ").Append(names.GenerateParameterNamePlaceholder(name));
            }

            sql.Append(')');
        }

        sql.Append(" RETURNING ").Append(names.DelimitIdentifier(key.GetColumnName(table)!)).Append(" AS \"Value\"");
        var keys = await db.Database.SqlQueryRaw<int>(sql.ToString(), [.. parameters]).ToListAsync(ct);
        if (keys.Count != entities.Count)
        {
            throw new InvalidOperationException($"The grouped insert into {table.Name} returned {keys.Count} keys for {entities.Count} rows.");
        }

        keys.Sort();
        for (var row = 0; row < entities.Count; row++)
        {
            key.PropertyInfo!.SetValue(entities[row], keys[row]);
        }
    }
}
