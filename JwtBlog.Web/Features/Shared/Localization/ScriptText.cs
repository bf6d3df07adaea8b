namespace JwtBlog.Web.Features.Shared.Localization;

// The texts the page scripts show. The layout hands all of them to the scripts as JSON; api.js's text(key) reads them.
public sealed class ScriptText;
