using System.Collections.Concurrent;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Tests.Infrastructure;

// Wraps the app's localizer factory and records every text a page or endpoint asked for that its resource file
// does not have, so a test can prove that a page rendered with no untranslated key.
public sealed class MissingTexts
{
    private readonly ConcurrentQueue<string> _names = new();

    public IReadOnlyCollection<string> Names => [.. _names.Distinct()];

    public void Clear() => _names.Clear();

    internal IStringLocalizerFactory Wrap(IStringLocalizerFactory inner) => new RecordingFactory(inner, this);

    private LocalizedString Record(string resource, LocalizedString text)
    {
        if (text.ResourceNotFound)
        {
            _names.Enqueue($"{resource}: {text.Name}");
        }

        return text;
    }

    private sealed class RecordingFactory(IStringLocalizerFactory inner, MissingTexts missing) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) =>
            new RecordingLocalizer(inner.Create(resourceSource), missing, resourceSource.Name);

        public IStringLocalizer Create(string baseName, string location) =>
            new RecordingLocalizer(inner.Create(baseName, location), missing, baseName);
    }

    private sealed class RecordingLocalizer(IStringLocalizer inner, MissingTexts missing, string resource) : IStringLocalizer
    {
        public LocalizedString this[string name] => missing.Record(resource, inner[name]);

        public LocalizedString this[string name, params object[] arguments] => missing.Record(resource, inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
