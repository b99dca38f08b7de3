using System.Globalization;
using System.Security.Claims;
using EmanciPay.Application.Features.Proofs;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>
/// The listener's proofs of giving: make one for a station and year they gave in (its link and QR code are shown once,
/// since only the token's hash is kept), and revoke any of them.
/// </summary>
[Authorize]
public sealed class ProofsModel(ISender sender, IAppUrls site) : PageModel
{
    public GetMyProofs.Result Proofs { get; private set; } = null!;

    /// <summary>The station and year to prove, as "kexp-fm 2027" from the list of gifts.</summary>
    [BindProperty]
    public string? Gift { get; set; }

    /// <summary>The proof just made: its link and QR code, shown on this answer only.</summary>
    public (CreateProof.Result Proof, Uri Url, string QrCode)? Created { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var parts = (Gift ?? "").Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            ModelState.AddModelError(nameof(Gift), "Choose a station and year from the list.");
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            var proof = await sender.Send(new CreateProof.Command(ListenerId, parts[0], year), ct);
            var url = site.Resolve($"proofs/{proof.Token}");
            Created = (proof, url, "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(url.ToString(), QRCodeGenerator.ECCLevel.M, 4)));
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError(nameof(Gift), error.ErrorMessage);
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid proofId, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        await sender.Send(new RevokeProof.Command(ListenerId, proofId), ct);
        Notice = "The proof is revoked: its link now says it is not valid.";
        return RedirectToPage();
    }

    public string? Invalid => FormErrors.Invalid(ModelState, nameof(Gift));

    private string ListenerId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task LoadAsync(CancellationToken ct) => Proofs = await sender.Send(new GetMyProofs.Query(ListenerId), ct);
}
