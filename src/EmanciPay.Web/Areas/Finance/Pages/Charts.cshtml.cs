using System.Globalization;
using EmanciPay.Application.Features.Finance;
using EmanciPay.Domain.Monetary;
using EmanciPay.Web.Api;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScottPlot;

namespace EmanciPay.Web.Areas.Finance.Pages;

/// <summary>
/// Money pledged, paid out and held in escrow per month, per currency: each drawn by ScottPlot as an SVG image, with a
/// table of the same figures beside it for screen readers and for anyone who wants the numbers.
/// </summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class ChartsModel(ISender sender, TimeProvider clock) : PageModel
{
    public enum Figure { Pledged, PaidOut, Held }

    public GetMonthlyFigures.Result Figures { get; private set; } = new([]);

    public async Task OnGetAsync(CancellationToken ct) => Figures = await FiguresAsync(ct);

    /// <summary>One chart as an SVG image; the page's table has the same figures.</summary>
    public async Task<IActionResult> OnGetSvgAsync(Figure figure, string? currency, CancellationToken ct)
    {
        var figures = (await FiguresAsync(ct)).Currencies.FirstOrDefault(c => c.Code == currency);
        if (figures is null || !Enum.IsDefined(figure))
        {
            return NotFound();
        }

        return Content(Svg(figure, figures), "image/svg+xml");
    }

    public static string Title(Figure figure) => figure switch
    {
        Figure.Pledged => "Pledged",
        Figure.PaidOut => "Paid out",
        _ => "Held in escrow at the month's end",
    };

    public static long Value(Figure figure, GetMonthlyFigures.Month month) => figure switch
    {
        Figure.Pledged => month.Pledged,
        Figure.PaidOut => month.PaidOut,
        _ => month.Held,
    };

    public static string MonthName(DateOnly start) => start.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    private Task<GetMonthlyFigures.Result> FiguresAsync(CancellationToken ct) =>
        sender.Send(new GetMonthlyFigures.Query(FinanceApi.Today(clock)), ct).AsTask();

    private static string Svg(Figure figure, GetMonthlyFigures.Currency figures)
    {
        var scale = Math.Pow(10, MoneyFormat.MinorDigits(figures.Code));
        var positions = Enumerable.Range(0, figures.Months.Count).Select(i => (double)i).ToArray();
        var values = figures.Months.Select(m => Value(figure, m) / scale).ToArray();
        var plot = new Plot();
        if (figure == Figure.Held)
        {
            var line = plot.Add.Scatter(positions, values);
            line.LineWidth = 3;
        }
        else
        {
            plot.Add.Bars(positions, values);
            plot.Axes.Margins(bottom: 0);
        }

        plot.Axes.Bottom.SetTicks(positions, figures.Months.Select(m => MonthName(m.Start)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Title($"{Title(figure)} ({figures.Code.ToUpperInvariant()})");
        plot.YLabel(figures.Code.ToUpperInvariant());
        return plot.GetSvgXml(720, 360);
    }
}
