using Microsoft.EntityFrameworkCore.Infrastructure;

namespace JwtBlog.Web.Data;

public static class WriteTransactions
{
    // Queues on the WriteGate, then runs the work in one transaction committed when it returns (rolled back when it
    // throws). A call inside another on the same context joins the outer transaction: the gate is not re-entered.
    public static async Task<T> InWriteTransactionAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(ct);
        }

        using var writing = await db.GetService<WriteGate>().EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    public static Task InWriteTransactionAsync(this AppDbContext db, Func<CancellationToken, Task> work, CancellationToken ct) =>
        db.InWriteTransactionAsync(
            async token =>
            {
                await work(token);
                return true;
            },
            ct);
}
