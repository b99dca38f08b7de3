using System.Net;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Escrow;
using EmanciPay.Application.Features.Refunds;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using EmanciPay.IntegrationTests.Features.Payouts;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Payment = EmanciPay.Domain.Payments.Payment;

namespace EmanciPay.IntegrationTests.Features.Refunds;

/// <summary>
/// Issue 10 item 9, first bullet: refunds (partial; full after a payout, part reversed and part not reversible) and
/// disputes (won and lost) leave our books and Stripe's balance agreeing to the cent. Fees: 2.9% + 30 cents a charge.
/// </summary>
[Collection(PayoutsCollection.Name)]
public sealed class RefundAndDisputeBooksTests : IntegrationTest
{
    private readonly PayoutKit kit;

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider time;

    // The emulator outlives each test's database: its balance is compared from where this test found it.
    private readonly long emulatorBalanceBefore;

    public RefundAndDisputeBooksTests(PayoutsFixture fixture)
        : base(fixture)
    {
        fixture.Transfers.Reset();
        fixture.Factory.Emulator.Webhooks.Reset();
        kit = new PayoutKit(fixture);
        time = fixture.Time;
        emulatorBalanceBefore = fixture.Factory.Emulator.AvailableBalance("usd");
    }

    private IStripeClient Stripe => App.Factory.Services.GetRequiredService<IStripeClient>();

    [Fact]
    public async Task A_partial_refund_takes_its_amount_from_escrow_once_however_often_it_is_sent()
    {
        await kit.StationAsync();
        Assert.Equal(9_680, await kit.FundAsync(10_000));
        var finance = await kit.FinanceAsync();
        var payment = await PaymentAsync();

        var refund = await App.SendAsync(new IssueRefund.Command(payment.Id, 2_500, "The listener meant $75", "refund-1"), finance);
        var again = await App.SendAsync(new IssueRefund.Command(payment.Id, 2_500, "The listener meant $75", "refund-1"), finance);
        await App.StripeEventsProcessedAsync();

        Assert.Equal(("succeeded", refund.Id, refund.StripeRefundId), (again.Status, again.Id, again.StripeRefundId));
        var charge = await ChargeAsync(payment);
        Assert.Equal(2_500, charge.AmountRefunded);
        Assert.Equal(1, await kit.Pledges.CountAsync<EmanciPay.Domain.Payments.Refund>());
        Assert.Equal(7_180, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(7_180);
        Assert.Equal(7_500, (await App.SendAsync(new GetPaymentRefunds.Query(payment.Id), finance)).Refundable);

        var tooMuch = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new IssueRefund.Command(payment.Id, 7_501, "More", "refund-2"), finance));
        Assert.Equal(nameof(IssueRefund.Command.Amount), Assert.Single(tooMuch.Errors).PropertyName);
    }

    [Fact]
    public async Task A_full_refund_after_payout_reverses_what_the_station_still_holds_and_flags_the_rest_which_later_pledges_repay_first()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(10_000);
        var manager = await kit.ManagerAsync();
        await kit.RequestAsync(manager, funded);
        await kit.RunJobsAsync();
        await App.StripeEventsProcessedAsync();
        Assert.Equal(0, (await kit.Pledges.EscrowAsync()).AvailableCredit);

        // The station has since moved 40.00 of the 96.80 to its bank: Stripe can reverse only the 56.80 left.
        await new PayoutService(Stripe).CreateAsync(new PayoutCreateOptions { Amount = 4_000, Currency = "usd" }, new RequestOptions { StripeAccount = kit.StripeAccountId });
        var finance = await kit.FinanceAsync();
        var payment = await PaymentAsync();

        var refund = await App.SendAsync(new IssueRefund.Command(payment.Id, null, "Charged without the listener's consent", "refund-full"), finance);
        await App.StripeEventsProcessedAsync();

        Assert.Equal(("succeeded", 10_000L), (refund.Status, refund.Amount));
        var transfer = Assert.Single(await kit.StripeTransfersAsync());
        Assert.Equal(5_680, transfer.AmountReversed);
        var entries = await EntriesAsync();
        Assert.Equal(5_680, entries.Single(e => e.CauseType == EntryCauseType.TransferReversal).Amount);
        Assert.Equal(5_680, entries.Single(e => e.CauseType == EntryCauseType.Refund).Amount);
        Assert.Equal(4_320, entries.Single(e => e.CauseType == EntryCauseType.Recovery).Amount);
        Assert.Equal(-4_320, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(-4_320);

        // The next gift repays the 43.20 first: of its 48.25 net, 5.05 is all the station can be paid.
        Assert.Equal(505, await kit.FundAsync(5_000));
        await Assert.ThrowsAsync<ValidationException>(() => kit.RequestAsync(manager, 506, "payout-2"));
        await kit.RequestAsync(manager, 505, "payout-3");
    }

    [Fact]
    public async Task A_refund_stripe_refuses_after_a_payout_was_reversed_for_it_leaves_the_reversal_booked_and_nothing_else()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(10_000);
        var manager = await kit.ManagerAsync();
        await kit.RequestAsync(manager, funded);
        await kit.RunJobsAsync();
        await App.StripeEventsProcessedAsync();
        var finance = await kit.FinanceAsync();
        var payment = await PaymentAsync();

        // The station's transfer is reversed first; then Stripe will not refund (a charge under review, say). The
        // reversal's own event (transfer.reversed) books the money back into the escrow.
        App.Factory.Emulator.Faults.RefuseNext("POST", "/v1/refunds", "This charge cannot be refunded right now.");
        var refused = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new IssueRefund.Command(payment.Id, null, "Listener asked", "refund-refused"), finance));
        await App.StripeEventsProcessedAsync();

        Assert.Equal(nameof(IssueRefund.Command.Amount), Assert.Single(refused.Errors).PropertyName);
        var transfer = Assert.Single(await kit.StripeTransfersAsync());
        Assert.Equal(funded, transfer.AmountReversed);
        var entries = await EntriesAsync();
        Assert.Equal(funded, entries.Single(e => e.CauseType == EntryCauseType.TransferReversal).Amount);
        Assert.DoesNotContain(entries, e => e.CauseType is EntryCauseType.Refund or EntryCauseType.Recovery);
        Assert.Equal(funded, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(funded);
        Assert.Equal(RefundStatus.Failed, Assert.Single(await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Refunds.AsNoTracking().ToListAsync())).Status);
    }

    [Fact]
    public async Task A_refund_made_in_stripes_dashboard_converges_to_the_same_books()
    {
        await kit.StationAsync();
        await kit.FundAsync(10_000);
        var payment = await PaymentAsync();

        await new RefundService(Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = payment.PaymentIntentId, Amount = 3_000 });
        await App.StripeEventsProcessedAsync();

        var refund = Assert.Single(await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Refunds.AsNoTracking().ToListAsync()));
        Assert.Equal((RefundStatus.Succeeded, 3_000L, (string?)null), (refund.Status, refund.Amount, refund.RequestedBy));
        Assert.Equal(6_680, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(6_680);
    }

    [Fact]
    public async Task A_dashboard_refund_after_payout_reverses_what_the_station_still_holds_and_flags_only_the_rest()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(10_000);
        await kit.RequestAsync(await kit.ManagerAsync(), funded);
        await kit.RunJobsAsync();
        await App.StripeEventsProcessedAsync();

        // The station has since moved 40.00 of the 96.80 to its bank: Stripe can reverse only the 56.80 left.
        await new PayoutService(Stripe).CreateAsync(new PayoutCreateOptions { Amount = 4_000, Currency = "usd" }, new RequestOptions { StripeAccount = kit.StripeAccountId });
        var payment = await PaymentAsync();

        var made = await new RefundService(Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = payment.PaymentIntentId });
        await App.StripeEventsProcessedAsync();

        var transfer = Assert.Single(await kit.StripeTransfersAsync());
        Assert.Equal(5_680, transfer.AmountReversed);
        var reversal = Assert.Single((await new TransferService(Stripe).GetAsync(transfer.Id)).Reversals.Data);
        Assert.Equal(made.Id, reversal.Metadata["refund_id"]);
        var entries = await EntriesAsync();
        Assert.Equal(5_680, Assert.Single(entries, e => e.CauseType == EntryCauseType.TransferReversal).Amount);
        Assert.Equal(5_680, Assert.Single(entries, e => e.CauseType == EntryCauseType.Refund).Amount);
        Assert.Equal(4_320, Assert.Single(entries, e => e.CauseType == EntryCauseType.Recovery).Amount);
        Assert.Equal(-4_320, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(-4_320);
        var refund = Assert.Single(await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Refunds.AsNoTracking().ToListAsync()));
        Assert.Equal((RefundStatus.Succeeded, 10_000L, made.Id), (refund.Status, refund.Amount, refund.StripeRefundId));
    }

    [Fact]
    public async Task An_expiry_refund_after_a_partial_finance_refund_gives_back_only_the_rest_once()
    {
        await kit.Pledges.AddStationAsync();
        Assert.Equal(9_680, await kit.FundAsync(10_000));
        var finance = await kit.FinanceAsync();
        var payment = await PaymentAsync();
        await App.SendAsync(new IssueRefund.Command(payment.Id, 2_500, "The listener meant $75", "refund-part"), finance);

        time.Advance(TimeSpan.FromDays(91));
        await App.SendAsync(new RefundPayment.Command(payment.Id));
        await App.SendAsync(new RefundPayment.Command(payment.Id));
        await App.StripeEventsProcessedAsync();

        var charge = await ChargeAsync(payment);
        Assert.Equal(10_000, charge.AmountRefunded);
        var atStripe = await new RefundService(Stripe).ListAsync(new RefundListOptions { Charge = charge.Id });
        Assert.Equal([2_500L, 7_500L], atStripe.Data.Select(r => r.Amount).Order());
        var expiry = (await EntriesAsync()).Single(e => e.CauseType == EntryCauseType.ExpiryRefund);
        Assert.Equal(7_500, expiry.Amount);
        Assert.Equal(new AccountBalance(10_000, 10_000, 0, 0), await kit.Pledges.EscrowAsync());
        await StripeBalanceAgreesAsync(-320);
        Assert.Equal(0, (await App.SendAsync(new GetPaymentRefunds.Query(payment.Id), finance)).Refundable);
        Assert.NotNull((await PaymentAsync()).RefundedAt);
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new IssueRefund.Command(payment.Id, 1, "One more cent", "refund-late"), finance));
    }

    [Fact]
    public async Task A_payment_finance_refunded_in_full_is_only_marked_refunded_at_its_deadline()
    {
        await kit.Pledges.AddStationAsync();
        await kit.FundAsync(10_000);
        var finance = await kit.FinanceAsync();
        var payment = await PaymentAsync();
        var refund = await App.SendAsync(new IssueRefund.Command(payment.Id, null, "Charged twice", "refund-all"), finance);

        time.Advance(TimeSpan.FromDays(91));
        await App.SendAsync(new RefundPayment.Command(payment.Id));
        await App.StripeEventsProcessedAsync();

        Assert.Equal(10_000, (await ChargeAsync(payment)).AmountRefunded);
        Assert.DoesNotContain(await EntriesAsync(), e => e.CauseType == EntryCauseType.ExpiryRefund);
        await StripeBalanceAgreesAsync(-320);
        var marked = await PaymentAsync();
        Assert.Equal((refund.StripeRefundId, ExpiryDisposal.Refund), (marked.RefundId, marked.Disposal));
        Assert.NotNull(marked.RefundNoticeSentAt);
    }

    [Fact]
    public async Task A_won_dispute_releases_the_amount_and_fee_it_held_and_a_lost_one_keeps_them()
    {
        await kit.StationAsync();
        Assert.Equal(19_390, await kit.FundAsync(20_000));

        // 100.00 (net 96.80) then disputed: 100.00 and the 15.00 fee are held.
        var won = await DisputedPaymentAsync(10_000);
        Assert.Equal(19_390 + 9_680 - 11_500, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(17_570);

        App.Factory.Emulator.CloseDispute(won, won: true);
        await App.StripeEventsProcessedAsync();
        Assert.Equal(29_070, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(29_070);

        // 50.00 (net 48.25) disputed and lost: 65.00 gone for good.
        var lost = await DisputedPaymentAsync(5_000);
        App.Factory.Emulator.CloseDispute(lost, won: false);
        await App.StripeEventsProcessedAsync();
        Assert.Equal(29_070 + 4_825 - 6_500, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(27_395);
        var disputes = (await EntriesAsync()).Where(e => e.CauseType == EntryCauseType.Dispute).Select(e => (e.CauseId, e.Key, e.Amount)).Order().ToList();
        Assert.Equal(
            new[] { (won, $"dispute:{won}:held", 11_500L), (won, $"dispute:{won}:won", 11_500L), (lost, $"dispute:{lost}:held", 6_500L) }.Order(),
            disputes);
    }

    [Fact]
    public async Task Disputes_are_listed_for_finance_alone_with_their_outcome_what_they_hold_and_their_payment()
    {
        await kit.StationAsync();
        await kit.FundAsync(20_000);
        // A minute apart, so that newest first is one order.
        var won = await DisputedPaymentAsync(10_000);
        time.Advance(TimeSpan.FromMinutes(1));
        var lost = await DisputedPaymentAsync(5_000);
        time.Advance(TimeSpan.FromMinutes(1));
        var open = await DisputedPaymentAsync(3_000);
        App.Factory.Emulator.CloseDispute(won, won: true);
        App.Factory.Emulator.CloseDispute(lost, won: false);
        await App.StripeEventsProcessedAsync();
        var finance = await kit.FinanceAsync();

        var all = await App.SendAsync(new ListDisputes.Query(), finance);
        var onlyLost = await App.SendAsync(new ListDisputes.Query("lost"), finance);
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new ListDisputes.Query("pending"), finance));

        Assert.Equal(
            new[] { (open, "open", 3_000L, 4_500L, false), (lost, "lost", 5_000L, 6_500L, true), (won, "won", 10_000L, 0L, true) },
            all.Items.Select(d => (d.Id, d.Outcome, d.Amount, d.Held, d.ClosedAt is not null)).ToArray());
        Assert.All(all.Items, d => Assert.Equal(("kexp-fm", "usd"), (d.StationSlug, d.Currency)));
        Assert.Equal(new Dictionary<string, int> { ["open"] = 1, ["won"] = 1, ["lost"] = 1 }, all.Counts);
        Assert.Equal(lost, Assert.Single(onlyLost.Items).Id);
        Assert.Equal("Outcome", Assert.Single(unknown.Errors).PropertyName);

        using var staff = await Accounts.SignedInStaffAsync(App, "finance-page@emancipay.example", Roles.Finance);
        using var listener = await Accounts.SignedInClientAsync(App, "listener-page@example.test", Roles.Listener);
        using var manager = await Accounts.SignedInManagerAsync(App, "manager-page@kexp.example", PayoutKit.Slug);
        var page = await staff.GetStringAsync("/finance/disputes?outcome=open");
        var home = await staff.GetStringAsync("/finance");
        Assert.Contains(open, page, StringComparison.Ordinal);
        Assert.Contains(all.Items[0].PaymentIntentId, page, StringComparison.Ordinal);
        Assert.DoesNotContain(won, page, StringComparison.Ordinal);
        Assert.Contains("href=\"/finance/disputes\"", home, StringComparison.Ordinal);
        foreach (var refused in new[] { listener, manager })
        {
            var response = await refused.GetAsync("/finance/disputes");
            Assert.True(
                response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true,
                $"{(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task A_dispute_beyond_the_escrow_holds_what_there_is_and_flags_the_rest_for_recovery()
    {
        await kit.StationAsync();
        await DisputedPaymentAsync(10_000);

        Assert.Equal(1_820, (await EntriesAsync()).Single(e => e.CauseType == EntryCauseType.Recovery).Amount);
        Assert.Equal(-1_820, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await StripeBalanceAgreesAsync(-1_820);
    }

    [Fact]
    public async Task Stripe_paying_the_platform_balance_out_moves_it_to_the_bank_account()
    {
        await kit.StationAsync();
        await kit.FundAsync(10_000);

        await new PayoutService(Stripe).CreateAsync(new PayoutCreateOptions { Amount = 6_000, Currency = "usd" });
        await App.StripeEventsProcessedAsync();

        var balances = await kit.Pledges.BalancesAsync();
        Assert.Equal(6_000, balances["bank"].DebitsPosted - balances["bank"].CreditsPosted);
        await StripeBalanceAgreesAsync(3_680);
        Assert.Equal(9_680, (await kit.Pledges.EscrowAsync()).AvailableCredit);
    }

    private sealed record EntryAmount(EntryCauseType CauseType, string CauseId, string Key, long Amount);

    private async Task<string> DisputedPaymentAsync(long amount)
    {
        var pledge = await kit.Pledges.PledgeAsync(amount, key: $"disputed-{Guid.NewGuid():N}");
        Assert.NotNull(await kit.Pledges.PayAsync(pledge, "4000000000000259"));
        await App.StripeEventsProcessedAsync();
        var charge = kit.Pledges.IntentOf(pledge)["latest_charge"]!.GetValue<string>();
        return (string)Assert.Single(App.Factory.Emulator.DisputesOf(charge))["id"]!;
    }

    /// <summary>Our stripe:balance (an asset: debits less credits) is what the emulator says the platform holds, to the cent.</summary>
    private async Task StripeBalanceAgreesAsync(long expected)
    {
        var balance = (await kit.Pledges.BalancesAsync())["stripe:balance"];
        Assert.Equal(expected, balance.DebitsPosted - balance.CreditsPosted);
        Assert.Equal(expected, App.Factory.Emulator.AvailableBalance("usd") - emulatorBalanceBefore);
        var all = await kit.Pledges.BalancesAsync();
        Assert.Equal(all.Values.Sum(b => b.DebitsPosted), all.Values.Sum(b => b.CreditsPosted));
    }

    private Task<Payment> PaymentAsync() =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AsNoTracking().OrderBy(p => p.PaidAt).FirstAsync());

    private async Task<Charge> ChargeAsync(Payment payment) =>
        (await new PaymentIntentService(Stripe).GetAsync(payment.PaymentIntentId, new PaymentIntentGetOptions { Expand = ["latest_charge"] })).LatestCharge;

    private Task<List<EntryAmount>> EntriesAsync() => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<IAppDbContext>();
        return (await db.JournalEntries.AsNoTracking().Include(e => e.Transfers).ToListAsync())
            .Select(e => new EntryAmount(e.CauseType, e.CauseId, e.IdempotencyKey, e.Transfers.Sum(t => t.Amount)))
            .ToList();
    });
}
