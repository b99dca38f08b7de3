using EmanciPay.Application.Features.Pledges;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Admin.Pages;

/// <summary>Staff: receipts and refund notices that will never go out, and why, so someone can reach the listener another way.</summary>
[Authorize(Policy = WebSetup.FinanceOrAdmin)]
public sealed class FailedMailModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListFailedMail.FailedMail> Mails { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Mails = await sender.Send(new ListFailedMail.Query(), cancellationToken);
}
