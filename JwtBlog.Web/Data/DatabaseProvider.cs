namespace JwtBlog.Web.Data;

// The value of Database:Provider. SQLite is the embedded default; PostgreSQL is for several instances.
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
