using System.Globalization;
using EmanciPay.Application.Features.Record;
using EmanciPay.Domain.Monetary;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>
/// The year-end giving statement as a PDF (PDFsharp, MIT): each station, date and amount, the fees, refunds and totals,
/// and the note on deductibility, on as many A4-wide letter pages as it takes. The font is the one PDFsharp ships
/// (Segoe WP), so the PDF looks the same on a server with no fonts installed.
/// </summary>
public static class StatementPdf
{
    public const string DeductibilityNote =
        "Whether a gift is tax-deductible depends on the recipient's status (for example, a 501(c)(3) organisation in the United States) " +
        "and on the value of any premium or thank-you gift you received for it. EmanciPay is not the recipient; ask the station or a tax adviser.";

    private const double Margin = 50;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly Lazy<bool> Fonts = new(() =>
    {
        GlobalFontSettings.FontResolver ??= new ShippedFonts();
        return true;
    });

    public static byte[] Render(GetGivingStatement.Statement statement, string? listenerEmail, DateTimeOffset issuedAt)
    {
        _ = Fonts.Value;
        using var document = new PdfDocument();
        document.Info.Title = $"Giving statement {statement.Year}";
        document.Info.Creator = "EmanciPay";
        var title = new XFont(ShippedFonts.Family, 18, XFontStyleEx.Bold);
        var bold = new XFont(ShippedFonts.Family, 10, XFontStyleEx.Bold);
        var text = new XFont(ShippedFonts.Family, 10, XFontStyleEx.Regular);
        var small = new XFont(ShippedFonts.Family, 8.5, XFontStyleEx.Regular);

        var page = new Writer(document);
        page.Line($"Giving statement {statement.Year}", title, 28);
        page.Line($"For {listenerEmail ?? "a deleted account"}, issued {issuedAt.ToString("MMMM d, yyyy", Invariant)}. Gifts posted from January 1 to December 31, {statement.Year} (UTC).", small, 22);
        page.Row(["Date", "Station", "Amount", "Fee", "Refunded", "Given"], bold);
        foreach (var line in statement.Lines)
        {
            var station = line.MovedTo is null ? line.StationName : $"{line.StationName}, moved to {line.MovedTo}";
            page.Row([line.PaidAt.ToString("yyyy-MM-dd", Invariant), station, Money(line.Amount, line.Currency), Money(line.Fee, line.Currency), Money(line.Refunded, line.Currency), Money(line.Given, line.Currency)], text);
        }

        if (statement.Lines.Count == 0)
        {
            page.Line("No gifts were posted this year.", text, 16);
        }

        foreach (var total in statement.Totals)
        {
            page.Row([$"Total ({total.Currency.ToUpperInvariant()})", "", Money(total.Amount, total.Currency), Money(total.Fees, total.Currency), Money(total.Refunded, total.Currency), Money(total.Given, total.Currency)], bold);
        }

        page.Gap(12);
        page.Paragraph("Fees are Stripe's card processing fees, kept from each gift before it reached the station. Refunded is what went back to your card, whenever it was refunded.", small);
        page.Paragraph(DeductibilityNote, small);
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static string Money(long amount, string currency) => MoneyFormat.Format(amount, currency);

    /// <summary>Writes down the page, starting another when the next line would not fit.</summary>
    private sealed class Writer(PdfDocument document)
    {
        private static readonly double[] Columns = [0, 70, 260, 330, 390, 460];
        private PdfPage page = null!;
        private XGraphics graphics = null!;
        private double y;

        private XGraphics Graphics(double height)
        {
            if (graphics is null || y + height > page.Height.Point - Margin)
            {
                graphics?.Dispose();
                page = document.AddPage();
                graphics = XGraphics.FromPdfPage(page);
                y = Margin;
            }

            return graphics;
        }

        public void Line(string text, XFont font, double height)
        {
            Graphics(height).DrawString(text, font, XBrushes.Black, new XRect(Margin, y, page.Width.Point - 2 * Margin, height), XStringFormats.TopLeft);
            y += height;
        }

        public void Gap(double height) => y += height;

        public void Row(string[] cells, XFont font)
        {
            var g = Graphics(16);
            for (var i = 0; i < cells.Length; i++)
            {
                var left = Margin + Columns[i];
                var width = (i + 1 < Columns.Length ? Columns[i + 1] : page.Width.Point - 2 * Margin) - Columns[i] - 6;
                var cell = cells[i];
                while (cell.Length > 4 && g.MeasureString(cell, font).Width > width)
                {
                    cell = cell[..^4] + "...";
                }

                g.DrawString(cell, font, XBrushes.Black, new XRect(left, y, width, 16), i >= 2 ? XStringFormats.TopRight : XStringFormats.TopLeft);
            }

            y += 16;
        }

        /// <summary>Words wrapped to the page's width.</summary>
        public void Paragraph(string text, XFont font)
        {
            var width = page.Width.Point - 2 * Margin;
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var longer = line.Length == 0 ? word : $"{line} {word}";
                if (Graphics(13).MeasureString(longer, font).Width > width && line.Length > 0)
                {
                    Line(line, font, 13);
                    line = word;
                }
                else
                {
                    line = longer;
                }
            }

            Line(line, font, 16);
        }
    }

    /// <summary>PDFsharp's own Segoe WP faces, regular and bold, from its package: no fonts needed on the server.</summary>
    private sealed class ShippedFonts : IFontResolver
    {
        public const string Family = "Segoe WP";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "SegoeWP-Bold" : "SegoeWP", false, italic);

        public byte[]? GetFont(string faceName) =>
            faceName == "SegoeWP-Bold" ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }
}
