namespace JwtBlog.Tests.Browser;

// WCAG 2 relative luminance and contrast, computed in the page from the elements' computed colours. An element's
// background is the first opaque one among it and its ancestors.
public static class ContrastScript
{
    private const string Helpers = """
        const rgb = c => { const p = c.match(/[\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
        const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        const lum = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
        const background = el => {
          for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c[3] > 0) return c; }
          return [255, 255, 255, 1];
        };
        const element = s => { const el = document.querySelector(s); if (!el) throw new Error('No element ' + s); return el; };
        """;

    public const string Luminance = "selector => {" + Helpers + "return lum(background(element(selector))); }";

    public const string Ratio = "selector => {" + Helpers + """
        const el = element(selector);
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05); }
        """;
}
