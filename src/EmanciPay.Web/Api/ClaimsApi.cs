using EmanciPay.Application.Features.Claims;
using Mediator;

namespace EmanciPay.Web.Api;

/// <summary>Claiming a station (any signed-in listener account), and the admins' review of claims (two factors).</summary>
public static class ClaimsApi
{
    public sealed record ClaimRequest(string? Email, string? Phone, string? Note, bool? AgreeToTerms);

    public sealed record RejectRequest(string? Reason);

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/stations/{slug}/claims", async (string slug, ClaimRequest body, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new SubmitClaim.Command(slug, body.Email, body.Phone, body.Note, body.AgreeToTerms), ct);
                return TypedResults.Created($"/api/v1/me/claims#{result.Id}", result);
            })
            .RequireAuthorization()
            .WithTags("Claims")
            .WithName("SubmitClaim")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Claim a station: evidence that you work there, for an admin to check.")
            .WithDescription("The email must be at the station's website domain (or a subdomain); a link mailed there confirms it, then an admin approves or rejects the claim. agreeToTerms must be true: the claimant agrees, for the station, to honour the listeners' terms (GET /api/v1/terms), and the agreement is signed and kept. 400 names the field for a station already claimed or declined, one without a website, an address at another domain, or a claim of yours for it already under way.");
        endpoints.MapGet("/api/v1/me/claims", async (ISender sender, CancellationToken ct) => await sender.Send(new GetMyClaims.Query(), ct))
            .RequireAuthorization()
            .WithTags("Claims")
            .WithName("GetMyClaims")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The signed-in user's claims, newest first, with their history.")
            .WithDescription("Each claim says when it was submitted, when its address was confirmed, and when it was decided and why.");

        var admin = endpoints.MapGroup("/api/v1/admin/claims").WithTags("Claims").RequireAuthorization(WebSetup.Admin);
        admin.MapGet("/", async (string? status, ISender sender, CancellationToken ct) => await sender.Send(new ListClaims.Query(status ?? "pending"), ct))
            .WithName("ListClaims")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Admins: claims with a status (pending by default), with competing open claims for the same stations.")
            .WithDescription("Admins signed in with two factors only. Claims are ordered by station, then oldest first, so that competing claims sit side by side.");
        admin.MapPost("/{id:guid}/approve", async (Guid id, ISender sender, CancellationToken ct) => await sender.Send(new ApproveClaim.Command(id), ct))
            .WithName("ApproveClaim")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Admins: approve a confirmed claim; the claimant manages the station from now on.")
            .WithDescription("The station is claimed, its other open claims are rejected (\"another claim was approved\"), and every listener who gave to it while it was unclaimed is mailed. 400 (field claim) when the claim is not confirmed or not open, or the station is already claimed or declined: of two competing approvals, exactly one succeeds.");
        admin.MapPost("/{id:guid}/reject", async (Guid id, RejectRequest body, ISender sender, CancellationToken ct) => await sender.Send(new RejectClaim.Command(id, body.Reason), ct))
            .WithName("RejectClaim")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Admins: reject an open claim with a reason the claimant is shown.")
            .WithDescription("400 (field claim) when the claim was already decided.");
        return endpoints;
    }
}
