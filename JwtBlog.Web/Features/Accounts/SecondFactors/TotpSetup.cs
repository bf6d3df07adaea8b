namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// POST /accounts/mfa/totp/setup/: the pending key (Base32) and the URI an authenticator app reads from the QR code.
public sealed record TotpSetup(string Secret, string OtpauthUri);
