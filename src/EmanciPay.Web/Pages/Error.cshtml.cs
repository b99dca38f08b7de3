using System.Diagnostics;
using System.Globalization;
using EmanciPay.Application.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages;

/// <summary>
/// The site's page for every error status: re-executed for an exception (with the status it maps to) and for a page's
/// own 4xx, such as a 404 for something that does not exist.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IDatabaseErrors databaseErrors) : PageModel
{
    public string TraceId { get; private set; } = "";

    public int Status { get; private set; }

    public string Title => Status switch
    {
        StatusCodes.Status404NotFound => "Page not found",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        StatusCodes.Status503ServiceUnavailable => "Back in a moment",
        >= 400 and < 500 => "That request could not be handled",
        _ => "Something went wrong",
    };

    public string Explanation => Status switch
    {
        StatusCodes.Status404NotFound => "There is nothing at this address. The link may be out of date, or the address mistyped.",
        StatusCodes.Status429TooManyRequests => "Please wait a minute and try again.",
        StatusCodes.Status503ServiceUnavailable => "We cannot get at our records just now, so this could not be done. Please try again in a minute.",
        >= 400 and < 500 => "Please check what you sent and try again.",
        _ => "Sorry, we could not finish that. Please try again in a moment.",
    };

    // Browsed to directly, the page is not an error: it still says so, with a 404.
    public void OnGet()
    {
        if (Response.StatusCode < 400)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        Status = Response.StatusCode;
        if (Status == StatusCodes.Status503ServiceUnavailable && HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error
            && databaseErrors.Unavailable(error) is { } unavailable)
        {
            Response.Headers.RetryAfter = ((int)unavailable.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }

    public void OnPost() => OnGet();
}
