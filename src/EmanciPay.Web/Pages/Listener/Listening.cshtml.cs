using System.Globalization;
using System.Security.Claims;
using EmanciPay.Application.Features.Listening;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>The listener's own listening log: "I listened", a month's sessions to correct or delete, and its export.</summary>
[Authorize]
public sealed class ListeningModel(ISender sender, TimeProvider clock) : PageModel
{
    public GetMyListening.Result Log { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public ListenedForm Form { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Month is not null && GetMyListening.ParseMonth(Month) is null)
        {
            return NotFound();
        }

        Form.Date ??= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var session = await sender.Send(new RecordListening.Command(ListenerId, Form.Station?.Trim().ToLowerInvariant(), StartedAt(Form.Date, Form.Time), Form.Minutes), ct);
            Notice = $"Logged {session.Minutes} minutes of {session.StationName}.";
            return RedirectToPage(new { month = session.StartedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture) });
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{(error.PropertyName == nameof(RecordListening.Command.StartedAt) ? nameof(ListenedForm.Date) : error.PropertyName)}", error.ErrorMessage);
            }

            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCorrectAsync(Guid sessionId, DateOnly? date, TimeOnly? time, int? minutes, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        Notice = await RefusalOrAsync(() => sender.Send(new CorrectListening.Command(ListenerId, sessionId, StartedAt(date, time), minutes), ct).AsTask(), "The session is corrected.");
        return RedirectToPage(new { month = Month });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid sessionId, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        Notice = await RefusalOrAsync(() => sender.Send(new DeleteListening.Command(ListenerId, sessionId), ct).AsTask(), "The session is deleted.");
        return RedirectToPage(new { month = Month });
    }

    /// <summary>"true" on a field the listener must correct, for aria-invalid; null (no attribute) otherwise.</summary>
    public string? Invalid(string field) => FormErrors.Invalid(ModelState, $"{nameof(Form)}.{field}");

    private string ListenerId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static DateTimeOffset? StartedAt(DateOnly? date, TimeOnly? time) =>
        date is { } day ? new DateTimeOffset(day.ToDateTime(time ?? TimeOnly.MinValue), TimeSpan.Zero) : null;

    private static async Task<string> RefusalOrAsync(Func<Task> change, string done)
    {
        try
        {
            await change();
            return done;
        }
        catch (ValidationException refused)
        {
            return string.Join(" ", refused.Errors.Select(e => e.ErrorMessage));
        }
    }

    private async Task LoadAsync(CancellationToken ct) => Log = await sender.Send(new GetMyListening.Query(ListenerId, Month), ct);

    public sealed class ListenedForm
    {
        public string? Station { get; set; }

        /// <summary>The day (UTC) the listening began.</summary>
        public DateOnly? Date { get; set; }

        public TimeOnly? Time { get; set; }

        public int? Minutes { get; set; }
    }
}
