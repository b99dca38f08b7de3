using EmanciPay.Application.Features.Proofs;
using EmanciPay.Web.Api;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web.Pages.Proofs;

/// <summary>
/// The page a proof's link and QR code open, for anyone: which station, which year, and whether it still stands. It
/// says nothing of who gave. Limited per client address like the API's check; an unknown token is 404.
/// </summary>
[EnableRateLimiting(ProofsApi.CheckRateLimit)]
public sealed class VerifyModel(ISender sender) : PageModel
{
    public VerifyProof.Result Proof { get; private set; } = null!;

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Proof = await sender.Send(new VerifyProof.Query(token), ct);
    }
}
