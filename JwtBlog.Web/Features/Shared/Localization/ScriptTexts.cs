using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace JwtBlog.Web.Features.Shared.Localization;

// All of ScriptText in the request's language as one JSON object, for the layout's data block. The default encoder
// escapes <, > and &, so the JSON cannot end the <script type="application/json"> element it sits in.
public sealed class ScriptTexts(IStringLocalizer<ScriptText> texts)
{
    private static readonly ConcurrentDictionary<string, string> _jsonByLanguage = new();

    public string Json => _jsonByLanguage.GetOrAdd(SiteLanguages.Current, _ => JsonSerializer.Serialize(
        texts.GetAllStrings(includeParentCultures: true).ToDictionary(text => text.Name, text => text.Value)));
}
