using System.Globalization;
using System.Text;
using QRCoder;

namespace JwtBlog.Web.Features.Accounts.SecondFactors;

// The otpauth URI as an inline SVG QR code: QRCoder encodes, and the markup is written here from the module matrix
// alone (one path, presentation attributes only), so nothing in it needs a CSP exception.
public static class TotpQrCode
{
    public static string Svg(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        // QRCoder's matrix already includes the quiet zone around the code.
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < modules.Count; y++)
        {
            for (var x = 0; x < modules.Count; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{size * 5}\" height=\"{size * 5}\" " +
            $"shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code for your authenticator app\" id=\"totp-qr\">" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
