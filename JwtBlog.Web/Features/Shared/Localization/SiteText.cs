namespace JwtBlog.Web.Features.Shared.Localization;

// The texts of the layout, the shared partials and the error pages (SiteText.resx: English; SiteText.ko.resx: Korean).
public sealed class SiteText;
