namespace JwtBlog.Web.Features.Shared.Localization;

// The JSON API's messages (detail and field errors). English is the original API's contract, byte for byte.
public sealed class ApiText;
