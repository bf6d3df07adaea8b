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

    // At most one hash per core at a time: a flood of logins queues here instead of taking every thread.
    private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount);
    private readonly Lazy<string> _dummyHash;

    public PasswordHashing(IOptions<AccountOptions> options)
    {
        _workFactor = options.Value.PasswordHashWorkFactor;
        _dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Prehash(Guid.NewGuid().ToString()), _workFactor));
    }

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

    public async Task<string> HashAsync(string password, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return HashPassword(null!, password);
        }
        finally
        {
            _gate.Release();
        }
    }

    // A user without a hash (or no user at all) still costs one full verification, so timing does not tell them apart.
    public async Task<PasswordVerificationResult> VerifyAsync(string? hashedPassword, string password, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var result = VerifyHashedPassword(null!, hashedPassword ?? _dummyHash.Value, password);
            return hashedPassword is null ? PasswordVerificationResult.Failed : result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string Prehash(string password) =>
        Convert.ToBase64String(HMACSHA384.HashData(_prehashKey, Encoding.UTF8.GetBytes(password)));
}
