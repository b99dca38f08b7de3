using System.Net;
using Stripe;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Transfers to connected accounts and their reversals, as the payout job makes them through Stripe.net.</summary>
public sealed class TransferTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    private TransferService Transfers => new(host.Stripe);

    [Fact]
    public async Task A_transfer_moves_the_platforms_available_balance_to_the_account_and_emits_a_signed_transfer_created()
    {
        var account = await host.OnboardedAccountAsync();
        var available = await host.FundPlatformAsync(10_000);

        var transfer = await Transfers.CreateAsync(Payout(account.Id, 2_500, "payout-1"), new RequestOptions { IdempotencyKey = "payout-1-transfer" });
        var fetched = await Transfers.GetAsync(transfer.Id, new TransferGetOptions { Expand = ["balance_transaction"] });
        var created = (await host.EventsAsync()).Single(e => e.Type == "transfer.created");

        Assert.Equal(10_000 - 320, available); // 2.9% + 30 cents
        Assert.StartsWith("tr_", transfer.Id, StringComparison.Ordinal);
        Assert.Equal((2_500L, "usd", account.Id, "escrow-wfmu"), (fetched.Amount, fetched.Currency, fetched.DestinationId, fetched.TransferGroup));
        Assert.Equal(("payout-1", 0L, false), (fetched.Metadata["payout_id"], fetched.AmountReversed, fetched.Reversed));
        Assert.Equal((-2_500L, 0L, "transfer", "transfer"), (fetched.BalanceTransaction.Amount, fetched.BalanceTransaction.Fee, fetched.BalanceTransaction.Type, fetched.BalanceTransaction.ReportingCategory));
        Assert.Equal(available - 2_500, host.Emulator.AvailableBalance("usd"));
        Assert.Equal((transfer.Id, "payout-1-transfer"), (Assert.IsType<Transfer>(created.Data.Object).Id, created.Request.IdempotencyKey));
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_transfer_and_another_body_is_an_idempotency_error()
    {
        var account = await host.OnboardedAccountAsync();
        await host.FundPlatformAsync(10_000);
        var request = new RequestOptions { IdempotencyKey = "payout-2-transfer" };

        var first = await Transfers.CreateAsync(Payout(account.Id, 1_000, "payout-2"), request);
        var replay = await Transfers.CreateAsync(Payout(account.Id, 1_000, "payout-2"), request);
        var conflict = await Assert.ThrowsAsync<StripeException>(() => Transfers.CreateAsync(Payout(account.Id, 1_001, "payout-2"), request));
        var listed = await Transfers.ListAsync(new TransferListOptions { TransferGroup = "escrow-wfmu" });

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal("true", replay.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((HttpStatusCode.BadRequest, "idempotency_error"), (conflict.HttpStatusCode, conflict.StripeError.Type));
        Assert.Single(listed.Data);
    }

    [Fact]
    public async Task A_destination_that_cannot_take_payouts_and_an_insufficient_balance_are_refused_as_stripe_refuses_them()
    {
        var pending = await host.CreateAccountAsync();
        var onboarded = await host.OnboardedAccountAsync();
        await host.FundPlatformAsync(1_000);
        var request = new RequestOptions { IdempotencyKey = "payout-3-transfer" };

        var notOnboarded = await Assert.ThrowsAsync<StripeException>(() => Transfers.CreateAsync(Payout(pending.Id, 100, "payout-x")));
        var noSuchAccount = await Assert.ThrowsAsync<StripeException>(() => Transfers.CreateAsync(Payout("acct_nope", 100, "payout-x")));
        var tooMuch = await Assert.ThrowsAsync<StripeException>(() => Transfers.CreateAsync(Payout(onboarded.Id, 5_000, "payout-3"), request));
        await host.FundPlatformAsync(10_000);
        var replayed = await Assert.ThrowsAsync<StripeException>(() => Transfers.CreateAsync(Payout(onboarded.Id, 5_000, "payout-3"), request));
        var newKey = await Transfers.CreateAsync(Payout(onboarded.Id, 5_000, "payout-3"), new RequestOptions { IdempotencyKey = "payout-3-transfer-2" });

        Assert.Equal((HttpStatusCode.BadRequest, "insufficient_capabilities_for_transfer", "destination"), (notOnboarded.HttpStatusCode, notOnboarded.StripeError.Code, notOnboarded.StripeError.Param));
        Assert.Equal(("resource_missing", "destination"), (noSuchAccount.StripeError.Code, noSuchAccount.StripeError.Param));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "balance_insufficient"), (tooMuch.HttpStatusCode, tooMuch.StripeError.Type, tooMuch.StripeError.Code));
        // Refused while it ran, not for its parameters: saved under its key for 24 hours, as at Stripe.
        Assert.Equal(("balance_insufficient", "true"), (replayed.StripeError.Code, replayed.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single()));
        Assert.Equal(5_000, newKey.Amount);
    }

    [Fact]
    public async Task Transfers_are_listed_by_transfer_group_newest_first_a_page_at_a_time_for_the_caller_to_match_its_metadata()
    {
        var account = await host.OnboardedAccountAsync();
        await host.FundPlatformAsync(10_000);
        foreach (var (group, payout) in new[] { ("escrow-wfmu", "p-1"), ("escrow-kexp", "p-2"), ("escrow-wfmu", "p-3"), ("escrow-wfmu", "p-4") })
        {
            var options = Payout(account.Id, 100, payout);
            options.TransferGroup = group;
            await Transfers.CreateAsync(options);
        }

        var first = await Transfers.ListAsync(new TransferListOptions { TransferGroup = "escrow-wfmu", Limit = 2 });
        var second = await Transfers.ListAsync(new TransferListOptions { TransferGroup = "escrow-wfmu", Limit = 2, StartingAfter = first.Data[^1].Id });
        var (status, body) = await host.SendAsync(HttpMethod.Get, "transfers?transfer_group=escrow-wfmu&metadata[payout_id]=p-3");

        Assert.Equal(["p-4", "p-3"], first.Data.Select(t => t.Metadata["payout_id"]));
        Assert.True(first.HasMore);
        Assert.Equal(["p-1"], second.Data.Select(t => t.Metadata["payout_id"]));
        Assert.False(second.HasMore);
        Assert.Equal((HttpStatusCode.BadRequest, "parameter_unknown"), (status, (string?)body["error"]!["code"]));
    }

    [Fact]
    public async Task A_reversal_returns_part_or_the_rest_of_a_transfer_to_the_platform_and_emits_transfer_reversed()
    {
        var account = await host.OnboardedAccountAsync();
        await host.FundPlatformAsync(10_000);
        var transfer = await Transfers.CreateAsync(Payout(account.Id, 2_000, "payout-5"));
        var balance = host.Emulator.AvailableBalance("usd");
        var reversals = new TransferReversalService(host.Stripe);

        var part = await reversals.CreateAsync(transfer.Id, new TransferReversalCreateOptions { Amount = 500, Metadata = new Dictionary<string, string> { ["reason"] = "test" } });
        var afterPart = await Transfers.GetAsync(transfer.Id);
        var rest = await reversals.CreateAsync(transfer.Id, new TransferReversalCreateOptions(), new RequestOptions { IdempotencyKey = "payout-5-reverse" });
        var afterAll = await Transfers.GetAsync(transfer.Id);
        var again = await Assert.ThrowsAsync<StripeException>(() => reversals.CreateAsync(transfer.Id, new TransferReversalCreateOptions()));
        var reversedEvents = (await host.EventsAsync()).Where(e => e.Type == "transfer.reversed").Select(e => Assert.IsType<Transfer>(e.Data.Object)).ToList();
        var txn = await new BalanceTransactionService(host.Stripe).GetAsync(rest.BalanceTransactionId);

        Assert.Equal((500L, transfer.Id, "test"), (part.Amount, part.TransferId, part.Metadata["reason"]));
        Assert.Equal((500L, false), (afterPart.AmountReversed, afterPart.Reversed));
        Assert.Equal(1_500, rest.Amount);
        Assert.Equal((2_000L, true), (afterAll.AmountReversed, afterAll.Reversed));
        Assert.Equal([rest.Id, part.Id], afterAll.Reversals.Data.Select(r => r.Id));
        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal([500L, 2_000L], reversedEvents.Select(t => t.AmountReversed));
        Assert.Equal((1_500L, "transfer_refund", "transfer_reversal"), (txn.Amount, txn.Type, txn.ReportingCategory));
        Assert.Equal(balance + 2_000, host.Emulator.AvailableBalance("usd"));
    }

    [Fact]
    public async Task Injected_failures_apply_to_transfers_a_500_is_retried_with_the_same_key_and_a_429_reaches_the_caller()
    {
        var account = await host.OnboardedAccountAsync();
        await host.FundPlatformAsync(10_000);

        host.Emulator.Faults.FailNext(1, 500);
        var afterRetry = await Transfers.CreateAsync(Payout(account.Id, 100, "payout-6"), new RequestOptions { IdempotencyKey = "payout-6-transfer" });
        host.Emulator.Faults.FailNext(1, 429);
        var limited = await Assert.ThrowsAsync<StripeException>(() => Transfers.CreateAsync(Payout(account.Id, 100, "payout-7"), new RequestOptions { IdempotencyKey = "payout-7-transfer" }));
        var retried = await Transfers.CreateAsync(Payout(account.Id, 100, "payout-7"), new RequestOptions { IdempotencyKey = "payout-7-transfer" });
        var all = await Transfers.ListAsync(new TransferListOptions { TransferGroup = "escrow-wfmu" });

        Assert.Equal(2, host.Emulator.Faults.Served);
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limit"), (limited.HttpStatusCode, limited.StripeError.Code));
        Assert.False(retried.StripeResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal([retried.Id, afterRetry.Id], all.Data.Select(t => t.Id));
    }

    private static TransferCreateOptions Payout(string destination, long amount, string payoutId) => new()
    {
        Amount = amount,
        Currency = "usd",
        Destination = destination,
        TransferGroup = "escrow-wfmu",
        Description = "EmanciPay payout",
        Metadata = new Dictionary<string, string> { ["payout_id"] = payoutId },
    };
}
