using System.Globalization;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Reconciliation;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Reconciliation;
using EmanciPay.IntegrationTests.Features.Payouts;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace EmanciPay.IntegrationTests.Features.Reconciliation;

/// <summary>Issue 10 item 9, second bullet: reconciliation with injected faults finds exactly these, and nothing else.</summary>
[Collection(PayoutsCollection.Name)]
public sealed class ReconciliationFaultTests : IntegrationTest
{
    private readonly PayoutsFixture fixture;
    private readonly PayoutKit kit;

    public ReconciliationFaultTests(PayoutsFixture fixture)
        : base(fixture)
    {
        this.fixture = fixture;
        fixture.Transfers.Reset();
        fixture.Factory.Emulator.Webhooks.Reset();
        kit = new PayoutKit(fixture);
    }

    private IStripeClient Stripe => App.Factory.Services.GetRequiredService<IStripeClient>();

    [Fact]
    public async Task Injected_faults_are_found_exactly_by_the_list_API_and_the_report_and_a_rerun_adds_nothing()
    {
        // What earlier tests left at the emulator lies a month before this period.
        fixture.Time.Advance(TimeSpan.FromDays(30));
        // Stripe keeps whole seconds, so the period starts on one.
        var from = DateTimeOffset.FromUnixTimeSeconds(fixture.Time.GetUtcNow().ToUnixTimeSeconds());
        await kit.StationAsync();
        await kit.FundAsync(5_000, 3_000);
        var finance = await kit.FinanceAsync();
        var manager = await kit.ManagerAsync();
        var payout = await kit.RequestAsync(manager, 2_000);
        await kit.RunJobsAsync();
        await App.StripeEventsProcessedAsync();
        var transferId = (await kit.PayoutAsync(payout.Id)).TransferId!;

        // A charge the ledger never saw: its events are lost.
        App.Factory.Emulator.Webhooks.Hold();
        var unseen = await kit.Pledges.PledgeAsync(1_500, key: "unseen");
        Assert.NotNull(await kit.Pledges.PayAsync(unseen));
        App.Factory.Emulator.Webhooks.Reset();
        var unseenIntent = (string)kit.Pledges.IntentOf(unseen)["id"]!;

        // A refund posted at another amount than Stripe refunded.
        var refunded = await kit.Pledges.PledgeAsync(4_000, key: "refunded");
        Assert.NotNull(await kit.Pledges.PayAsync(refunded));
        await App.StripeEventsProcessedAsync();
        App.Factory.Emulator.Webhooks.Hold();
        var refund = await new RefundService(Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = (string)kit.Pledges.IntentOf(refunded)["id"]!, Amount = 1_000 });
        App.Factory.Emulator.Webhooks.Reset();
        await PostAsync(new EntryCause(EntryCauseType.Refund, refund.Id), 900, fee: 0, (stripe, escrow, _, amount) => [new TransferRequest.Post(escrow, stripe, amount)]);

        // A fee that differs: the payment's events are lost and it is booked with a fee a cent higher than Stripe's.
        App.Factory.Emulator.Webhooks.Hold();
        var feeDiffers = await kit.Pledges.PledgeAsync(2_000, key: "fee-differs");
        Assert.NotNull(await kit.Pledges.PayAsync(feeDiffers));
        App.Factory.Emulator.Webhooks.Reset();
        var feeIntent = (string)kit.Pledges.IntentOf(feeDiffers)["id"]!;
        var stripeFee = (await new PaymentIntentService(Stripe).GetAsync(feeIntent, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] })).LatestCharge.BalanceTransaction.Fee;
        await PostAsync(EntryCause.PledgePayment(feeIntent), 2_000, stripeFee + 1, (stripe, escrow, fees, amount) =>
        [
            new TransferRequest.Post(stripe, escrow, amount),
            new TransferRequest.Post(fees, stripe, new Money(stripeFee + 1, amount.Currency)),
            new TransferRequest.Post(escrow, fees, new Money(stripeFee + 1, amount.Currency)),
        ]);

        // A transfer reversed only at Stripe: its event is lost.
        App.Factory.Emulator.Webhooks.Hold();
        var reversal = await new TransferReversalService(Stripe).CreateAsync(transferId, new TransferReversalCreateOptions { Amount = 500 });
        App.Factory.Emulator.Webhooks.Reset();

        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var to = fixture.Time.GetUtcNow();
        string[] expected =
        [
            $"{unseenIntent} missing_in_ledger charge",
            $"{refund.Id} amount_differs refund",
            $"{feeIntent} fee_differs charge",
            $"{reversal.Id} missing_in_ledger transfer_reversal",
        ];

        var listed = await RunAsync(from, to, finance);
        Assert.Equal(("succeeded", "list"), (listed.Status, listed.StripeSource));
        Assert.Equal(expected.Order(), listed.Discrepancies.Select(Describe).Order());
        Assert.Equal(4, listed.Matched); // the two funding charges, the refunded charge and the payout's transfer
        var refundFinding = listed.Discrepancies.Single(d => d.SourceId == refund.Id);
        Assert.Equal((-1_000L, -900L), (refundFinding.StripeAmount, refundFinding.LedgerAmount));
        var feeFinding = listed.Discrepancies.Single(d => d.SourceId == feeIntent);
        Assert.Equal((stripeFee, stripeFee + 1), (feeFinding.StripeFee, feeFinding.LedgerFee));

        // The same problems read from the Reporting API's CSV, over a period long enough to need it; a rerun adds nothing.
        var reported = await RunAsync(from.AddDays(-3), to, finance);
        Assert.Equal(("succeeded", "report"), (reported.Status, reported.StripeSource));
        Assert.Equal(expected.Order(), reported.Discrepancies.Select(Describe).Order());
        Assert.Equal(4, await CountAsync());

        // Finance settles the refund through suspense and explains the fee; running again finds only what is left.
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new AdjustDiscrepancy.Command(refundFinding.Id, " "), finance));
        var adjusted = await App.SendAsync(new AdjustDiscrepancy.Command(refundFinding.Id, "The refund was booked at the wrong amount."), finance);
        await App.SendAsync(new ExplainDiscrepancy.Command(feeFinding.Id, "Known rounding in an old fee table."), finance);
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new AdjustDiscrepancy.Command(refundFinding.Id, "Twice."), finance));
        var entry = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.AsNoTracking().Include(e => e.Transfers).SingleAsync(e => e.Id == adjusted.AdjustmentEntryId));
        Assert.True(entry.IsManual);
        Assert.Equal(await kit.UserIdAsync("finance@emancipay.example"), entry.ManualAuthor);
        Assert.Equal(100, Assert.Single(entry.Transfers).Amount);

        var again = await RunAsync(from, to, finance);
        Assert.Equal(
            new[] { $"{unseenIntent} missing_in_ledger charge", $"{feeIntent} fee_differs charge", $"{reversal.Id} missing_in_ledger transfer_reversal" }.Order(),
            again.Discrepancies.Select(Describe).Order());
        Assert.Equal("explained", again.Discrepancies.Single(d => d.SourceId == feeIntent).Status);
        Assert.Equal(4, await CountAsync());
        Assert.Equal(1, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.CountAsync(e => e.CauseType == EntryCauseType.Adjustment)));
    }

    [Fact]
    public async Task A_locked_month_takes_no_postings_and_only_a_month_that_has_ended_can_be_locked()
    {
        var finance = await kit.FinanceAsync();
        var now = fixture.Time.GetUtcNow();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new LockPeriod.Command(now.ToString("yyyy-MM", CultureInfo.InvariantCulture)), finance));
        Assert.Contains(refused.Errors, e => e.PropertyName == "Month");
        var last = now.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal(last, (await App.SendAsync(new LockPeriod.Command(last), finance)).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Equal(last, (await App.SendAsync(new LockPeriod.Command(last), finance)).ToString("yyyy-MM", CultureInfo.InvariantCulture));

        // A lock of the month the clock is in (a lock racing the month's last postings) refuses the posting.
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            db.LedgerPeriodLocks.Add(new LedgerPeriodLock(LedgerPeriodLock.MonthOf(now), "test", now));
            return await db.SaveChangesAsync();
        });
        await kit.StationAsync();
        var error = await Assert.ThrowsAsync<LedgerException>(() => PostAsync(new EntryCause(EntryCauseType.Adjustment, "pi_locked"), 100, 0, (stripe, escrow, _, amount) => [new TransferRequest.Post(stripe, escrow, amount)]));
        Assert.Equal(LedgerErrorCode.PeriodLocked, error.Code);
    }

    [Fact]
    public async Task A_month_unlocked_with_a_reason_takes_postings_again_and_the_unlock_is_audited()
    {
        var now = fixture.Time.GetUtcNow();
        var month = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            db.LedgerPeriodLocks.Add(new LedgerPeriodLock(LedgerPeriodLock.MonthOf(now), "test", now));
            return await db.SaveChangesAsync();
        });
        await kit.StationAsync();
        IReadOnlyList<TransferRequest> Deposit(Guid stripe, Guid escrow, Guid fees, Money amount) => [new TransferRequest.Post(stripe, escrow, amount)];
        var locked = await Assert.ThrowsAsync<LedgerException>(() => PostAsync(new EntryCause(EntryCauseType.Adjustment, "adj-locked"), 100, 0, Deposit));
        var finance = await kit.FinanceAsync();
        var noReason = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new UnlockPeriod.Command(month, " "), finance));

        var client = await Accounts.SignedInStaffAsync(App, "finance-page@emancipay.example", Roles.Finance);
        var response = await Accounts.PostFormAsync(client, "/finance/reconciliation?handler=Unlock",
            new() { ["month"] = month, ["reason"] = "Stripe's fee for the 30th must be dated in it" }, "/finance/reconciliation");
        await PostAsync(new EntryCause(EntryCauseType.Adjustment, "adj-unlocked"), 100, 0, Deposit);

        Assert.Equal(LedgerErrorCode.PeriodLocked, locked.Code);
        Assert.Equal("Reason", Assert.Single(noReason.Errors).PropertyName);
        Assert.Contains($"{month} is open again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().LedgerPeriodLocks.CountAsync()));
        Assert.Equal(1, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.CountAsync(e => e.CauseId == "adj-unlocked")));
        var audit = Assert.Single(await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().AuditRecords.Where(a => a.Action == "UnlockPeriod").ToListAsync()));
        Assert.Contains("fee for the 30th must be dated in it", audit.Input, StringComparison.Ordinal);
        Assert.Contains("LockedBy", audit.Changes, StringComparison.Ordinal);
    }

    private static string Describe(DiscrepancyView d) => $"{d.SourceId} {d.Kind} {d.Category}";

    private async Task<ReconciliationView> RunAsync(DateTimeOffset from, DateTimeOffset to, TestSender finance)
    {
        var id = await App.SendAsync(new StartReconciliation.Command(from, to), finance);
        await kit.RunJobsAsync();
        return await App.SendAsync(new GetReconciliation.Query(id), finance);
    }

    private Task<int> CountAsync() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Discrepancies.CountAsync());

    private Task<long> PostAsync(EntryCause cause, long amount, long fee, Func<Guid, Guid, Guid, Money, IReadOnlyList<TransferRequest>> transfers) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IUnitOfWork>().InTransactionAsync(async ct =>
        {
            var ledger = sp.GetRequiredService<LedgerBook>();
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, ct);
            var fees = await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, Currency.Usd, ct);
            var escrow = await ledger.EscrowAccountAsync(kit.StationId, Currency.Usd, ct);
            await ledger.PostAsync(cause, "Injected by a test", transfers(stripe.Id, escrow.Id, fees.Id, new Money(amount, Currency.Usd)), ct);
            return fee;
        }, CancellationToken.None));
}
