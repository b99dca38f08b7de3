using System.Security.Claims;
using EmanciPay.Application.Features.Proofs;
using EmanciPay.Application.Payments;
using Mediator;

namespace EmanciPay.Web.Api;

/// <summary>
/// Proofs of giving: the listener makes and revokes them; anyone checks one by its token and learns the station, the
/// year and whether it stands, never who gave. Checks are limited per client address, and a token of the wrong shape
/// is refused without a database read.
/// </summary>
public static class ProofsApi
{
    public const string CheckRateLimit = "proof-check";

    /// <param name="Station">The station's slug.</param>
    public sealed record ProofRequest(string? Station, int? Year);

    /// <param name="Url">The page anyone can open to check the proof; its last segment is the token.</param>
    public sealed record ProofCreated(Guid Id, string Station, string StationName, string Period, string Token, Uri Url);

    public static IEndpointRouteBuilder MapProofsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/proofs/{token}", async (string token, ISender sender, CancellationToken ct) =>
                await sender.Send(new VerifyProof.Query(token), ct))
            .WithTags("Proofs")
            .RequireRateLimiting(CheckRateLimit)
            .WithName("VerifyProof")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Check a proof of giving: the station, the year, and whether it still stands.")
            .WithDescription("For anyone, with no credentials. Says nothing about who gave. A revoked proof answers valid: false; a token the app never made (or of the wrong shape) is 404. Limited per client address.");

        var mine = endpoints.MapGroup("/api/v1/me/proofs").WithTags("Proofs").RequireAuthorization();
        mine.MapPost("/", async (ProofRequest body, ClaimsPrincipal user, IAppUrls site, ISender sender, CancellationToken ct) =>
            {
                var proof = await sender.Send(new CreateProof.Command(ListenerId(user), body.Station, body.Year), ct);
                return TypedResults.Created($"/api/v1/proofs/{proof.Token}", new ProofCreated(proof.Id, proof.Station, proof.StationName, proof.Period, proof.Token, site.Resolve($"proofs/{proof.Token}")));
            })
            .WithName("CreateProof")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Make a proof that the signed-in listener gave to a station in a year.")
            .WithDescription("Only for a station and calendar year (UTC) with a payment of the listener's that was not refunded in full or moved elsewhere: otherwise 400 naming station or year. The token is in this answer only; the app keeps its hash.");
        mine.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RevokeProof.Command(ListenerId(user), id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeProof")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke a proof: from now on it answers valid: false.")
            .WithDescription("Revoking twice is harmless. Another listener's proof is 404.");
        return endpoints;
    }

    private static string ListenerId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
