namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// One single-use recovery code, stored as the SHA-256 of the code (the code has 60 random bits; no salt is needed).
public sealed class RecoveryCode
{
    public const int HashLength = 64;

    public int Id { get; set; }
    public int UserId { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
