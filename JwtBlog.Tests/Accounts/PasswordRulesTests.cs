using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JwtBlog.Tests.Accounts;

public sealed class PasswordRulesTests
{
    // The English texts, as the API answers without a Korean Accept-Language.
    private static readonly IStringLocalizer<ApiText> _messages = new StringLocalizer<ApiText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("Vivid-Otter-Lamp-42")]
    [InlineData("비밀번호는길수록좋아요")]
    [InlineData("🦦🦦🦦🦦🦦🦦🦦🦦")]
    public void GoodPasswordsPass(string password) => Assert.Empty(PasswordRules.Check(password, _messages));

    [Theory]
    [InlineData("password123")]
    [InlineData("PASSWORD123")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    public void CommonPasswordsAreRefusedInAnyCase(string password) =>
        Assert.Contains("This password is too common.", PasswordRules.Check(password, _messages));

    [Fact]
    public void LengthCountsCharactersNotBytesOrUtf16Units()
    {
        Assert.Contains(PasswordRules.Check("🦦🦦🦦🦦🦦🦦🦦", _messages), e => e.StartsWith("This password is too short", StringComparison.Ordinal));
        Assert.Empty(PasswordRules.Check("🦦🦦🦦🦦🦦🦦🦦🦦", _messages));
        Assert.Empty(PasswordRules.Check(new string('가', 128), _messages));
        Assert.Contains(PasswordRules.Check(new string('x', PasswordRules.MaximumLength + 1), _messages), e => e.StartsWith("This password is too long", StringComparison.Ordinal));
    }

    [Fact]
    public void AllDigitsIsRefusedUnicodeDigitsToo()
    {
        Assert.Contains("This password is entirely numeric.", PasswordRules.Check("83729461528", _messages));
        Assert.Contains("This password is entirely numeric.", PasswordRules.Check("٨٣٧٢٩٤٦١٥٢٨", _messages));
        Assert.DoesNotContain("This password is entirely numeric.", PasswordRules.Check("83729461528x", _messages));
    }

    [Theory]
    [InlineData("erin.smith@example", "erin.smith@example.com", "", "", "The password is too similar to the email address.")]
    [InlineData("carol.jones", "carol.jones@example.com", "", "", null)]
    [InlineData("Bartholomew1", "x@example.com", "Bartholomew", "", "The password is too similar to the first name.")]
    [InlineData("rodriguez-montoya", "x@example.com", "", "Rodriguez-Montoya", "The password is too similar to the last name.")]
    [InlineData("a completely different passphrase", "x@example.com", "Al", "", null)]
    public void SimilarityFollowsDjangosQuickRatio(string password, string email, string first, string last, string? expected) =>
        Assert.Equal(expected, PasswordRules.CheckSimilarity(password, email, first, last, _messages));

    [Fact]
    public void QuickRatioMatchesPythonsDifflib()
    {
        // difflib.SequenceMatcher(a="abcd", b="bcde").quick_ratio() == 0.75
        Assert.Equal(0.75, PasswordRules.QuickRatio("abcd", "bcde"));
        Assert.Equal(1.0, PasswordRules.QuickRatio("abc", "cba"));
    }
}

public sealed class PasswordHashingTests : IDisposable
{
    private readonly PasswordHashing _hashing = new(Options.Create(new AccountOptions { PasswordHashWorkFactor = 4 }));

    public void Dispose() => _hashing.Dispose();

    [Fact]
    public void PasswordsThatShareTheirFirst72BytesStillDiffer()
    {
        var hash = _hashing.HashPassword(null!, new string('a', 72) + "X");
        Assert.Equal(PasswordVerificationResult.Success, _hashing.VerifyHashedPassword(null!, hash, new string('a', 72) + "X"));
        Assert.Equal(PasswordVerificationResult.Failed, _hashing.VerifyHashedPassword(null!, hash, new string('a', 72) + "Y"));
        Assert.Equal(PasswordVerificationResult.Failed, _hashing.VerifyHashedPassword(null!, hash, new string('a', 72)));
    }

    [Fact]
    public void KoreanPassphrasesLongerThan72BytesStillDiffer()
    {
        // 24 Hangul syllables are 72 UTF-8 bytes; a plain bcrypt would ignore everything after them.
        var prefix = new string('한', 24);
        var hash = _hashing.HashPassword(null!, prefix + "국어");
        Assert.Equal(PasswordVerificationResult.Success, _hashing.VerifyHashedPassword(null!, hash, prefix + "국어"));
        Assert.Equal(PasswordVerificationResult.Failed, _hashing.VerifyHashedPassword(null!, hash, prefix + "영어"));
    }

    [Fact]
    public void HashesAreBcryptAtTheConfiguredCostAndOlderCostsAskForARehash()
    {
        var hash = _hashing.HashPassword(null!, "correct horse battery");
        Assert.StartsWith("$2a$04$", hash, StringComparison.Ordinal);

        using var stronger = new PasswordHashing(Options.Create(new AccountOptions { PasswordHashWorkFactor = 5 }));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, stronger.VerifyHashedPassword(null!, hash, "correct horse battery"));
    }

    [Fact]
    public void CaseAndSurroundingSpacesMatter()
    {
        var hash = _hashing.HashPassword(null!, "Correct Horse");
        Assert.Equal(PasswordVerificationResult.Failed, _hashing.VerifyHashedPassword(null!, hash, "correct horse"));
        Assert.Equal(PasswordVerificationResult.Failed, _hashing.VerifyHashedPassword(null!, hash, " Correct Horse"));
    }

    [Fact]
    public async Task UnknownUsersCostAVerificationAndNeverSucceed()
    {
        Assert.Equal(PasswordVerificationResult.Failed, await _hashing.VerifyAsync(null, "anything at all", CancellationToken.None));
        Assert.Equal(PasswordVerificationResult.Failed, _hashing.VerifyHashedPassword(null!, "not-a-bcrypt-hash", "anything"));
    }
}
