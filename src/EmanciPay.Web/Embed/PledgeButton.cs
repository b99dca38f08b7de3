using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using EmanciPay.Application.Features.Embed;
using EmanciPay.Domain.Monetary;

namespace EmanciPay.Web.Embed;

/// <summary>The words of a station's pledge button, and the button drawn as a small SVG with no script and no fonts fetched.</summary>
public static class PledgeButton
{
    public const int Width = 260;

    public const int Height = 72;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Status(GetPledgeButton.Result button) =>
        button.Declined ? "Will not join EmanciPay" : button.Joined ? "Joined EmanciPay" : "Not yet joined EmanciPay";

    /// <summary>"$1,250.00 waiting in escrow", every currency held, or "Nothing in escrow yet".</summary>
    public static string Escrow(GetPledgeButton.Result button) =>
        button.Escrow.Where(e => e.Held != 0).ToList() is { Count: > 0 } held
            ? string.Join(" · ", held.Select(e => MoneyFormat.Format(e.Held, e.Currency))) + " waiting in escrow"
            : "Nothing in escrow yet";

    /// <summary>What a reader hears for the whole button: the image's accessible name.</summary>
    public static string Label(GetPledgeButton.Result button) => $"Pledge to {button.Name}. {Status(button)}. {Escrow(button)}.";

    public static string Draw(GetPledgeButton.Result button)
    {
        var name = button.Name.Length > 28 ? button.Name[..27] + "…" : button.Name;
        XElement Text(int y, int size, string weight, string fill, string text) => new(Svg + "text",
            new XAttribute("x", 12), new XAttribute("y", y), new XAttribute("font-size", size), new XAttribute("font-weight", weight), new XAttribute("fill", fill), text);
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("role", "img"), new XAttribute("aria-label", Label(button)),
            new XAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"),
            new XElement(Svg + "title", Label(button)),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("rx", 8), new XAttribute("fill", "#1d4ed8")),
            Text(22, 15, "700", "#ffffff", $"Pledge to {name}"),
            Text(42, 12, "400", "#e0e7ff", Status(button)),
            Text(60, 12, "400", "#ffffff", Escrow(button)));
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A strong validator made from the bytes sent: the same button, the same ETag, on every node.</summary>
    public static string ETagOf(string content) => $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32]}\"";
}
