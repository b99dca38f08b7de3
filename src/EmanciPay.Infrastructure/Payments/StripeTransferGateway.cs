using System.Globalization;
using System.Net;
using EmanciPay.Application.Payments;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Transfers to stations' connected accounts through Stripe.net's TransferService on the app's one Stripe client. Each
/// carries the payout's idempotency key, the station's escrow account as its transfer group and our payout id in its
/// metadata, by which a later attempt finds it once Stripe has forgotten the key.
/// </summary>
internal sealed class StripeTransferGateway(IStripeClient stripe) : ITransferGateway
{
    public const string PayoutIdKey = "payout_id";

    public async Task<TransferSnapshot> CreateTransferAsync(PayoutTransfer transfer, CancellationToken cancellationToken)
    {
        try
        {
            var created = await new TransferService(stripe).CreateAsync(
                new TransferCreateOptions
                {
                    Amount = transfer.Amount,
                    Currency = transfer.Currency,
                    Destination = transfer.DestinationAccountId,
                    TransferGroup = transfer.TransferGroup,
                    Description = "EmanciPay payout",
                    Metadata = new Dictionary<string, string> { [PayoutIdKey] = transfer.PayoutId.ToString() },
                },
                new RequestOptions { IdempotencyKey = transfer.IdempotencyKey },
                cancellationToken);
            return Snapshot(created);
        }
        catch (Exception exception) when (Classify(exception) is { } failure)
        {
            throw failure;
        }
    }

    public async Task<TransferSnapshot?> FindTransferAsync(string transferGroup, Guid payoutId, CancellationToken cancellationToken)
    {
        var id = payoutId.ToString();
        try
        {
            await foreach (var transfer in new TransferService(stripe).ListAutoPagingAsync(new TransferListOptions { TransferGroup = transferGroup, Limit = 100 }, cancellationToken: cancellationToken))
            {
                if (transfer.Metadata.GetValueOrDefault(PayoutIdKey) == id)
                {
                    return Snapshot(transfer);
                }
            }

            return null;
        }
        catch (Exception exception) when (Classify(exception) is { } failure)
        {
            // Not finding out is never a reason to give up on the payout: ask again later.
            throw new TransferFailedException(TransferFailure.Transient, failure.Message, exception);
        }
    }

    public TransferSnapshot? ReadTransferEvent(string payload) =>
        // Verified on arrival; the API version was checked then too.
        EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false).Data.Object is Transfer transfer ? Snapshot(transfer) : null;

    private static TransferSnapshot Snapshot(Transfer transfer) => new(
        transfer.Id,
        Guid.TryParse(transfer.Metadata?.GetValueOrDefault(PayoutIdKey), CultureInfo.InvariantCulture, out var payoutId) ? payoutId : null,
        transfer.Amount,
        transfer.Currency,
        transfer.Reversals?.Data?.Select(r => new TransferReversalSnapshot(r.Id, r.Amount)).ToList() ?? []);

    /// <summary>Whether trying again may help (Stripe busy or out of reach) or not (Stripe refused), in words for the station.</summary>
    private static TransferFailedException? Classify(Exception exception) => exception switch
    {
        StripeException { HttpStatusCode: var status } stripeError when (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.RequestTimeout || status == 0 =>
            new TransferFailedException(TransferFailure.Transient, $"Stripe could not take the transfer just now ({(int)status}); it will be tried again.", stripeError),
        StripeException refused => new TransferFailedException(TransferFailure.Final, Explain(refused.StripeError), refused),
        HttpRequestException or TimeoutException or TaskCanceledException { InnerException: TimeoutException } or IOException =>
            new TransferFailedException(TransferFailure.Transient, "Stripe could not be reached; the transfer will be tried again.", exception),
        _ => null,
    };

    private static string Explain(StripeError? error) => error?.Code switch
    {
        "balance_insufficient" => "The platform's Stripe balance cannot cover this transfer yet (card payments take a few days to become available). Request the payout again later.",
        "insufficient_capabilities_for_transfer" or "account_invalid" => "Your Stripe account cannot receive transfers yet: finish what Stripe asks for on the Connect page, then request the payout again.",
        "resource_missing" => "Your Stripe account was not found at Stripe: connect it again, then request the payout again.",
        _ => $"Stripe refused the transfer: {error?.Message ?? "no reason given"}",
    };
}
