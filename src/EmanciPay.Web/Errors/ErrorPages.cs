using EmanciPay.Application.Common;

namespace EmanciPay.Web.Errors;

public static class ErrorPages
{
    /// <summary>
    /// Exceptions become problem+json for programs and the error page for browsers, with a 4xx where the request was at
    /// fault. A bare 4xx (a page's NotFound(), an unknown address) gets the error page in a browser and problem+json otherwise.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        var databaseErrors = app.Services.GetRequiredService<IDatabaseErrors>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = exception => ProblemExceptionHandler.PageStatusCode(exception, databaseErrors),
        });
        app.UseStatusCodePages();
        // Inside the problem+json fallback above: a re-executed page has a content type, so the fallback leaves it alone.
        app.UseWhen(context => ProblemExceptionHandler.IsPageRequest(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/error"));
        return app;
    }
}
