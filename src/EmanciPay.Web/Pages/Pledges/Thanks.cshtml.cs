using EmanciPay.Application.Features.Pledges;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Pledges;

public sealed class ThanksModel(ISender sender) : PageModel
{
    public ConfirmCheckout.Receipt Receipt { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, [FromQuery(Name = "session_id")] string? sessionId, CancellationToken ct) =>
        Receipt = await sender.Send(new ConfirmCheckout.Command(id, sessionId), ct);
}
