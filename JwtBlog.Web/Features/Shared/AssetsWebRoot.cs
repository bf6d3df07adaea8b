using Microsoft.Extensions.FileProviders;

namespace JwtBlog.Web.Features.Shared;

// wwwroot-assets/ sits beside the project in a checkout and beside the app in a publish folder.
public static class AssetsWebRoot
{
    public const string Folder = "wwwroot-assets";

    public static void Use(IWebHostEnvironment environment)
    {
        var published = Path.Combine(environment.ContentRootPath, Folder);
        var checkout = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", Folder));
        var root = Directory.Exists(published) ? published : checkout;
        if (Directory.Exists(root))
        {
            environment.WebRootPath = root;
            environment.WebRootFileProvider = new PhysicalFileProvider(root);
        }
    }
}
