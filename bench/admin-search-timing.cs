#:package Microsoft.Data.Sqlite.Core@10.0.15
#:package SQLitePCLRaw.bundle_e_sqlite3@2.1.13
// p50 of the admin post search's SQL through the app's own SQLite (e_sqlite3), before (one IN/OR subquery per term) and
// after (two keyset sources merged in C#), on a database bench/search.sh seeded. Run it from outside the repository
// (the repository's central package versions and analyzers do not apply to a file-based app):
//   cp bench/admin-search-timing.cs /tmp/t/ && cd /tmp/t && dotnet run admin-search-timing.cs -- /tmp/jwtblog-search/search-1000000.db 7
// A third argument "after", "before", "after,before" or "parts" (the single statements) picks what is timed.
using System.Diagnostics;
using Microsoft.Data.Sqlite;

SQLitePCL.Batteries_V2.Init();
using var db = new SqliteConnection($"Data Source={args[0]};Mode=ReadOnly");
db.Open();
var runs = int.Parse(args[1]);
const string Rows = "SELECT p.Id, p.Title, u.Email, p.CreatedAt, p.UpdatedAt FROM Posts AS p LEFT JOIN Users AS u ON p.AuthorId = u.Id ";
Console.WriteLine($"SQLite {Query("SELECT sqlite_version()", ("$x", 0))[0]}");

List<object> Query(string sql, params (string Name, object Value)[] ps)
{
    using var cmd = db.CreateCommand();
    cmd.CommandText = sql;
    foreach (var (name, value) in ps) cmd.Parameters.AddWithValue(name, value);
    var list = new List<object>();
    using var r = cmd.ExecuteReader();
    while (r.Read()) list.Add(r.GetValue(0));
    return list;
}

int Before(string term, long cursor) => Query(Rows + """
    WHERE (p.Id IN (SELECT rowid FROM PostsSearch WHERE PostsSearch MATCH $m)
       OR p.AuthorId IN (SELECT u0.Id FROM Users AS u0 WHERE u0.Email LIKE $l ESCAPE '\')) AND p.Id < $c
    ORDER BY p.Id DESC LIMIT 51
    """, ("$m", $"\"{term}\"*"), ("$l", $"%{term}%"), ("$c", cursor)).Count;

int After(string term, long cursor)
{
    var text = Query("SELECT rowid FROM PostsSearch WHERE PostsSearch MATCH $m AND rowid < $c ORDER BY rowid DESC LIMIT 51",
        ("$m", $"\"{term}\"*"), ("$c", cursor));
    var email = Query("""
        SELECT p.Id FROM Posts AS p WHERE p.AuthorId IN (SELECT u.Id FROM Users AS u WHERE u.NormalizedEmail LIKE $l ESCAPE '\')
        AND p.Id < $c ORDER BY p.Id DESC LIMIT 51
        """, ("$l", $"%{term.ToUpperInvariant()}%"), ("$c", cursor));
    var ids = text.Concat(email).Select(Convert.ToInt64).Distinct().OrderDescending().Take(51).ToList();
    return Query(Rows + "WHERE p.Id IN (SELECT value FROM json_each($ids))", ("$ids", "[" + string.Join(",", ids) + "]")).Count;
}

(double, int) P50(Func<string, long, int> f, string term, long cursor)
{
    f(term, cursor);
    var times = new List<double>();
    var n = 0;
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        n = f(term, cursor);
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return (times[times.Count / 2], n);
}

if (args.Length > 2 && args[2] == "parts")
{
    foreach (var (label, sql, ps) in new (string, string, (string, object)[])[]
    {
        ("fts \"lorem\"*", "SELECT rowid FROM PostsSearch WHERE PostsSearch MATCH '\"lorem\"*' ORDER BY rowid DESC LIMIT 51", []),
        ("fts \"lorem\" (no prefix)", "SELECT rowid FROM PostsSearch WHERE PostsSearch MATCH '\"lorem\"' ORDER BY rowid DESC LIMIT 51", []),
        ("fts \"500007\"*", "SELECT rowid FROM PostsSearch WHERE PostsSearch MATCH '\"500007\"*' ORDER BY rowid DESC LIMIT 51", []),
        ("Users email LIKE scan", "SELECT Id FROM Users WHERE Email LIKE '%500007%' ESCAPE '\\'", []),
        ("Users NormalizedEmail LIKE", "SELECT Id FROM Users WHERE NormalizedEmail LIKE '%500007%' ESCAPE '\\'", []),
        ("Users Email LIKE again", "SELECT Id FROM Users WHERE Email LIKE '%500007%' ESCAPE '\\'", []),
        ("load 51 rows by id", Rows + "WHERE p.Id IN (SELECT value FROM json_each('[999999,999998,999997,999996,999995,999994,999993,999992,999991,999990]'))", []),
    })
    {
        Query(sql);
        var times = new List<double>();
        for (var i = 0; i < runs; i++) { var sw = Stopwatch.StartNew(); Query(sql); times.Add(sw.Elapsed.TotalMilliseconds); }
        times.Sort();
        Console.WriteLine($"{label,-28} p50 {times[times.Count / 2],8:F1} ms");
    }
    return;
}

var which = args.Length > 2 ? args[2].Split(',') : ["after", "before"];
(string, string, long)[] cases = [("rare", "500007", int.MaxValue), ("common", "lorem", int.MaxValue), ("common, deep page", "lorem", 500000),
    ("Korean", "안녕", int.MaxValue), ("email, one author", "user12345@", int.MaxValue), ("email, every author", "example", int.MaxValue)];
foreach (var (label, term, cursor) in cases)
{
    var line = $"{label,-22} {term,-12}";
    foreach (var name in which)
    {
        var (ms, n) = P50(name == "before" ? Before : After, term, cursor);
        line += $"  {name} p50 {ms,8:F1} ms ({n} rows)";
    }
    Console.WriteLine(line);
}
