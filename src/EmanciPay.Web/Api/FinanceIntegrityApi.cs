using EmanciPay.Application.Features.Ledger;
using Mediator;

namespace EmanciPay.Web.Api;

public static class FinanceIntegrityApi
{
    public sealed record IntegrityReport(bool Ok, IReadOnlyList<string> Problems, int EntriesChecked, long EntriesSealed, string? ChainHead);

    public static IEndpointRouteBuilder MapFinanceIntegrityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/finance/integrity", async (ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new CheckLedgerIntegrity.Query(), ct);
                return new IntegrityReport(result.Balanced, result.Problems, result.EntriesChecked, result.EntriesSealed, result.ChainHead);
            })
            .WithTags("Finance")
            .RequireAuthorization(WebSetup.FinanceOrAdmin)
            .WithName("CheckLedgerIntegrity")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Prove the books: every entry balances, balances equal their postings, no escrow is overdrawn, and the hash chain over the entries is intact.")
            .WithDescription("For finance and admin users signed in with a second factor. Reads the whole ledger in one consistent snapshot and changes nothing; an entry or posting changed or deleted in the database is reported with its position in the chain.");
        return endpoints;
    }
}
