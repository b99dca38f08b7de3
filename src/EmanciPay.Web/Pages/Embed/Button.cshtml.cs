using EmanciPay.Application.Features.Embed;
using EmanciPay.Web.Embed;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace EmanciPay.Web.Pages.Embed;

/// <summary>
/// The pledge button as a tiny page for another site's iframe: no script, no layout, one link that opens the station's
/// pledge form in the whole window (target=_top). Cached like the SVG.
/// </summary>
[OutputCache(PolicyName = EmbedEndpoints.CachePolicy)]
public sealed class ButtonModel(ISender sender) : PageModel
{
    public GetPledgeButton.Result Button { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Button = await sender.Send(new GetPledgeButton.Query(slug), ct);
        EmbedEndpoints.Cache(Response, etag: null);
    }
}
