using System.Globalization;
using JwtBlog.Web.Features.Shared.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JwtBlog.Tests.Localization;

// The cache in front of ResourceManager answers what ResourceManager answers, per culture, however lookups interleave.
public sealed class CachedStringLocalizerFactoryTests
{
    private readonly ResourceManagerStringLocalizerFactory _resources =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    [Fact]
    public void EachCultureKeepsItsOwnTextsWhenLookupsAlternate()
    {
        var cached = new CachedStringLocalizerFactory(_resources).Create(typeof(ApiText));
        var direct = _resources.Create(typeof(ApiText));

        for (var round = 0; round < 3; round++)
        {
            foreach (var culture in new[] { "en", "ko", "en-US", "ko-KR" })
            {
                using var _ = new UiCulture(culture);
                Assert.Equal(direct["Detail.NotAuthenticated"].Value, cached["Detail.NotAuthenticated"].Value);
                Assert.Equal(direct["Feed.LimitTooLarge", 100].Value, cached["Feed.LimitTooLarge", 100].Value);
            }
        }

        using (new UiCulture("ko"))
        {
            Assert.NotEqual(direct["Detail.NotAuthenticated"].Value, WithCulture("en", () => cached["Detail.NotAuthenticated"].Value));
        }
    }

    [Fact]
    public void AMissingNameIsReportedAsMissingEveryTime()
    {
        var cached = new CachedStringLocalizerFactory(_resources).Create(typeof(ApiText));
        using var _ = new UiCulture("en");

        for (var i = 0; i < 2; i++)
        {
            var missing = cached["No.Such.Key {0}", 7];
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No.Such.Key 7", missing.Value);
        }
    }

    private static string WithCulture(string culture, Func<string> read)
    {
        using var _ = new UiCulture(culture);
        return read();
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
        private readonly CultureInfo _beforeFormat = CultureInfo.CurrentCulture;

        public UiCulture(string name)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentUICulture = _before;
            CultureInfo.CurrentCulture = _beforeFormat;
        }
    }
}
