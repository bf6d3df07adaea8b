namespace JwtBlog.Web.Features.Accounts;

// What a verification key did: confirmed the address (or moved the account to a new one), nothing (bad, used or
// expired key), or refused a new address that another account took meanwhile.
public enum EmailConfirmationResult
{
    Confirmed,
    NotFound,
    AddressTaken,
}
