using System.Security.Claims;
using EmanciPay.Application.Features.Record;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>A year's giving statement: a page made to print, and the same as a PDF.</summary>
[Authorize]
public sealed class StatementModel(ISender sender, TimeProvider clock) : PageModel
{
    public GetGivingStatement.Statement Statement { get; private set; } = null!;

    public DateTimeOffset IssuedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct) => await LoadAsync(year, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(int year, CancellationToken ct) =>
        await LoadAsync(year, ct)
            ? File(StatementPdf.Render(Statement, User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name, IssuedAt), "application/pdf", $"giving-statement-{year}.pdf")
            : NotFound();

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        try
        {
            Statement = await sender.Send(new GetGivingStatement.Query(User.FindFirstValue(ClaimTypes.NameIdentifier)!, year), ct);
            IssuedAt = clock.GetUtcNow();
            return true;
        }
        catch (ValidationException)
        {
            return false;
        }
    }
}
