using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared.Localization;

// ResourceManager reads every string under a lock on its resource reader, so a page's twenty lookups under load queue
// behind each other (a third of the home page's time in the profile). Resources never change while the app runs: each
// found string is kept per UI culture after its first lookup. A name with no resource is not kept (it is asked again),
// so no input can grow the cache past the resource files.
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _byType = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _byType.GetOrAdd(resourceSource, type => new CachedStringLocalizer(resources.Create(type)));

    public IStringLocalizer Create(string baseName, string location) => new CachedStringLocalizer(resources.Create(baseName, location));

    private sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        private readonly ConcurrentDictionary<CultureInfo, ConcurrentDictionary<string, LocalizedString>> _byCulture = new();

        public LocalizedString this[string name]
        {
            get
            {
                var strings = _byCulture.GetOrAdd(CultureInfo.CurrentUICulture, _ => new ConcurrentDictionary<string, LocalizedString>(StringComparer.Ordinal));
                if (strings.TryGetValue(name, out var known))
                {
                    return known;
                }

                var found = inner[name];
                if (!found.ResourceNotFound)
                {
                    strings.TryAdd(name, found);
                }

                return found;
            }
        }

        // As ResourceManagerStringLocalizer formats: the found text (or the name) with the current culture.
        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(
                    name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
