using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JwtBlog.Web.Features.Accounts;

// bcrypt reads only 72 bytes, so every password is first reduced to a fixed 64-character HMAC-SHA384 digest:
// two different passwords of any length never share a bcrypt input. The HMAC key is an application-specific
// label rather than a secret, which rules out "shucking" against bare SHA hashes leaked elsewhere.
public sealed class PasswordHashing : IPasswordHasher<AppUser>, IDisposable
{
    private static readonly byte[] _prehashKey = "JwtBlog.PasswordHash.v1"u8.ToArray();

    private readonly int _workFactor;
    private readonly int _maxQueued;

    // Hashes run on their own threads, one per core, never on the request thread pool: a flood of logins
    // queues here, while every other request still finds a free pool thread.
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Lazy<string> _dummyHash;

    public PasswordHashing(IOptions<AccountOptions> options)
    {
        _workFactor = options.Value.PasswordHashWorkFactor;
        _maxQueued = options.Value.MaxQueuedPasswordHashes;
        _dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Prehash(Guid.NewGuid().ToString()), _workFactor));
        for (var i = 0; i < WorkerCount; i++)
        {
            new Thread(() =>
            {
                foreach (var work in _queue.GetConsumingEnumerable())
                {
                    work();
                }
            })
            { IsBackground = true, Name = $"bcrypt-{i}" }.Start();
        }
    }

    // One hashing thread per core; tests read it to occupy every thread whatever the core count.
    internal int WorkerCount { get; } = Environment.ProcessorCount;

    public string HashPassword(AppUser user, string password) =>
        BCrypt.Net.BCrypt.HashPassword(Prehash(password), _workFactor);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        try
        {
            if (!BCrypt.Net.BCrypt.Verify(Prehash(providedPassword), hashedPassword))
            {
                return PasswordVerificationResult.Failed;
            }

            return BCrypt.Net.BCrypt.PasswordNeedsRehash(hashedPassword, _workFactor)
                ? PasswordVerificationResult.SuccessRehashNeeded
                : PasswordVerificationResult.Success;
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    public Task<string> HashAsync(string password, CancellationToken ct) =>
        RunOnHashingThreadAsync(() => HashPassword(null!, password), ct);

    // A user without a hash (or no user at all) still costs one full verification, so timing does not tell them apart.
    public Task<PasswordVerificationResult> VerifyAsync(string? hashedPassword, string password, CancellationToken ct) =>
        RunOnHashingThreadAsync(
            () =>
            {
                var result = VerifyHashedPassword(null!, hashedPassword ?? _dummyHash.Value, password);
                return hashedPassword is null ? PasswordVerificationResult.Failed : result;
            },
            ct);

    // The workers finish what is queued and end; the collection itself is left to the GC while they drain it.
    public void Dispose() => _queue.CompleteAdding();

    internal Task<T> RunOnHashingThreadAsync<T>(Func<T> work, CancellationToken ct)
    {
        if (_queue.Count >= _maxQueued)
        {
            return Task.FromException<T>(new PasswordHashingBusyException());
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(Run, CancellationToken.None);
        return completion.Task;

        void Run()
        {
            if (ct.IsCancellationRequested)
            {
                completion.TrySetCanceled(ct);
                return;
            }

            try
            {
                completion.TrySetResult(work());
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        }
    }

    private static string Prehash(string password) =>
        Convert.ToBase64String(HMACSHA384.HashData(_prehashKey, Encoding.UTF8.GetBytes(password)));
}
