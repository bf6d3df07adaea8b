using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace JwtBlog.Tests.Localization;

// Every text has a Korean twin: a key missing from a .ko.resx would silently fall back to English.
public partial class ResourceFilesTests
{
    private static readonly System.Reflection.Assembly _webAssembly = typeof(Program).Assembly;

    public static TheoryData<string> ResourceNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in _webAssembly.GetManifestResourceNames().Where(n => n.EndsWith("Text.resources", StringComparison.Ordinal)))
        {
            names.Add(name[..^".resources".Length]);
        }

        return names;
    }

    [Fact]
    public void Every_feature_has_its_texts()
    {
        var names = ResourceNames().Select(row => row.Data).ToList();
        Assert.Contains("JwtBlog.Web.Features.Shared.Localization.SiteText", names);
        Assert.Contains("JwtBlog.Web.Features.Shared.Localization.ScriptText", names);
        Assert.Contains("JwtBlog.Web.Features.Accounts.AccountsText", names);
    }

    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void Korean_has_exactly_the_english_keys_with_the_same_placeholders(string baseName)
    {
        var resources = new ResourceManager(baseName, _webAssembly);
        var english = Texts(resources, CultureInfo.InvariantCulture);
        var korean = Texts(resources, CultureInfo.GetCultureInfo("ko"));

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), korean.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{baseName}: {key} is empty in English");
            Assert.False(string.IsNullOrWhiteSpace(korean[key]), $"{baseName}: {key} is empty in Korean");
            Assert.True(
                Placeholders(value).SetEquals(Placeholders(korean[key])),
                $"{baseName}: {key} has other placeholders in Korean than in English");
        }
    }

    private static Dictionary<string, string> Texts(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(match => match.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
