namespace JwtBlog.Web.Data;

// Which provider this process runs on, for the few places that work differently on each (locking, start-up log).
public sealed record DatabaseKind(DatabaseProvider Provider)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;
}
