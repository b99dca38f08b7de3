using EmanciPay.Application.Features.Profile;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Application.Common;
using Mediator;

namespace EmanciPay.Web.Api;

/// <summary>The listeners' terms: the roster, a listener's own terms and details, and stations' signed agreements with the key that checks them.</summary>
public static class TermsApi
{
    public sealed record TermsRequest(string? Display, string? Contact, bool? NoSharing, bool? NoGifts, bool? NoAsksThisYear);

    public sealed record DetailsRequest(string? Name, string? PostalAddress);

    public sealed record VerifyRequest(string? Payload, string? Signature);

    public static IEndpointRouteBuilder MapTermsApi(this IEndpointRouteBuilder endpoints)
    {
        var terms = endpoints.MapGroup("/api/v1/terms").WithTags("Terms");
        terms.MapGet("/", async (ISender sender, CancellationToken ct) => await sender.Send(new GetTermsRoster.Query(), ct))
            .WithName("GetTermsRoster")
            .WithSummary("The roster of listeners' terms: each with its stable id, version, plain words and what it withholds.")
            .WithDescription("Terms with the same choice (display, contact) are alternatives: a listener picks one of each. A station agrees to honour the whole roster to claim.");
        terms.MapGet("/public-key", async (ISender sender, CancellationToken ct) => await sender.Send(new GetSigningKey.Query(), ct))
            .WithName("GetTermsPublicKey")
            .WithSummary("The app's public key, which checks every signed agreement.")
            .WithDescription("ES256: ECDSA on P-256 with SHA-256 over the UTF-8 payload, the signature DER-encoded then base64. With the PEM in key.pem, the signature decoded into sig.der and the payload in payload.json: openssl dgst -sha256 -verify key.pem -signature sig.der payload.json.");
        terms.MapPost("/agreements/verify", async (VerifyRequest body, ISender sender, CancellationToken ct) => await sender.Send(new VerifyAgreement.Query(body.Payload, body.Signature), ct))
            .WithName("VerifyTermsAgreement")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Check a copy of a signed agreement: valid only if the app signed exactly this text.")
            .WithDescription("Answers valid false, never an error, for a text changed in any way (a term, a version, the time) or a signature that is not the app's. Anyone may call it; it stores nothing.");

        endpoints.MapGet("/api/v1/terms/stations/{slug}/agreement", async (string slug, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetStationAgreement.Query(slug), ct) ?? throw new NotFoundException("Agreement", slug))
            .WithTags("Terms")
            .WithName("GetStationTermsAgreement")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A station's signed agreement to honour the listeners' terms.")
            .WithDescription("The newest agreement made by one of the station's managers, with the exact signed text and its signature. 404 for an unknown station or one with no agreement yet.");
        endpoints.MapPost("/api/v1/stations/{slug}/terms-agreement", async (string slug, ISender sender, CancellationToken ct) =>
            {
                var station = await sender.Send(new FindStation.Query(slug), ct);
                return await sender.Send(new AgreeToTerms.Command(station.Id), ct);
            })
            .RequireAuthorization(WebSetup.StationManager)
            .WithTags("Terms")
            .WithName("AgreeToTerms")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Managers: agree, for the station, to honour the listeners' terms (stations that claimed before the roster).")
            .WithDescription("Signs and keeps the agreement of the signed-in manager for this station. While the station's agreement covers today's roster, it is answered again unchanged.");

        var me = endpoints.MapGroup("/api/v1/me").WithTags("Terms").RequireAuthorization();
        me.MapGet("/terms", async (ISender sender, CancellationToken ct) => await sender.Send(new GetMyTerms.Query(), ct))
            .WithName("GetMyTerms")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The terms the signed-in listener proffers to every station they give to.")
            .WithDescription("The defaults (name shown, email only, details never shared) until the listener chooses.");
        me.MapPut("/terms", async (TermsRequest body, ISender sender, CancellationToken ct) =>
                await sender.Send(new SetMyTerms.Command(body.Display, body.Contact, body.NoSharing, body.NoGifts, body.NoAsksThisYear), ct))
            .WithName("SetMyTerms")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Choose or change the listener's terms, for every station at once.")
            .WithDescription("Stations hold no copies: each station's next read (pages, API, CSV, mail) applies the new terms. A gift made anonymously stays anonymous whatever the terms say.");
        me.MapGet("/details", async (ISender sender, CancellationToken ct) => await sender.Send(new GetMyDetails.Query(), ct))
            .WithName("GetMyDetails")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The listener's name, email and postal address, held once, and which stations can see what.")
            .WithDescription("For each station the listener gave to: what it reads of them now under their terms, and whether it agreed to honour them.");
        me.MapPut("/details", async (DetailsRequest body, ISender sender, CancellationToken ct) =>
                await sender.Send(new SetMyDetails.Command(body.Name, body.PostalAddress), ct))
            .WithName("SetMyDetails")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Set the listener's name and postal address, once for every station.")
            .WithDescription("Every station sees the new values on its next read, as the listener's terms allow. The email is the account's: change it at /account/change-email, where the new address must be confirmed first.");
        return endpoints;
    }
}
