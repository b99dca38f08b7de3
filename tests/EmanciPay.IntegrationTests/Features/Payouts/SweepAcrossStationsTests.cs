using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Domain.Payouts;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payouts;

/// <summary>
/// Two stations due in one sweep: whatever way the first one's payout fails, the second one behind it is paid, the books
/// of both agree to the cent, and running the sweep (and every job it sends) again pays nothing twice. Once what held the
/// first back is gone, a later sweep pays it too, once.
/// </summary>
[Collection(PayoutsCollection.Name)]
public sealed class SweepAcrossStationsTests : IntegrationTest
{
    private readonly PayoutsFixture fixture;
    private readonly PayoutKit paid;
    private readonly PayoutKit failing;
    private bool webhooksHeld;

    public SweepAcrossStationsTests(PayoutsFixture fixture)
        : base(fixture)
    {
        this.fixture = fixture;
        fixture.Transfers.Reset();
        fixture.Factory.Emulator.Webhooks.Reset();
        fixture.Factory.Emulator.Faults.Clear();
        paid = new PayoutKit(fixture);
        failing = new PayoutKit(fixture, "WFMU", "WFMU", "wfmu");
    }

    public enum Failure
    {
        TermsNotAgreed,
        AccountNotReady,
        StripeRefusesTheAccount,
        StripeRefusesTheRequest,
        StripeUnreachable,
        StripeAnswers500,
        StripeAnswers429,
        DiesAfterStripeMadeTheTransfer,
        AboveTheApprovalLimit,
    }

    [Theory]
    [InlineData(Failure.TermsNotAgreed)]
    [InlineData(Failure.AccountNotReady)]
    [InlineData(Failure.StripeRefusesTheAccount)]
    [InlineData(Failure.StripeRefusesTheRequest)]
    [InlineData(Failure.StripeUnreachable)]
    [InlineData(Failure.StripeAnswers500)]
    [InlineData(Failure.StripeAnswers429)]
    [InlineData(Failure.DiesAfterStripeMadeTheTransfer)]
    [InlineData(Failure.AboveTheApprovalLimit)]
    public async Task One_stations_payout_failing_never_holds_up_the_next_stations_in_the_same_sweep(Failure failure)
    {
        await failing.StationAsync(payoutsEnabled: failure != Failure.AccountNotReady, onboardedAtStripe: failure != Failure.StripeRefusesTheAccount);
        await paid.StationAsync();
        var failingFunded = failure == Failure.AboveTheApprovalLimit ? await failing.FundAsync(100_000, 60_000) : await failing.FundAsync(4_000, 3_000);
        var paidFunded = await paid.FundAsync(5_000, 2_000);
        var failingManager = await failing.ManagerAsync("manager@wfmu.example", agreeToTerms: failure != Failure.TermsNotAgreed);
        var paidManager = await paid.ManagerAsync("manager@kexp.example");

        // The failing station's schedule is the older, so the sweep sends its job first and the other's queues behind it.
        await App.SendAsync(new SetPayoutSchedule.Command(failing.StationId, "usd", PayoutFrequency.Weekly, 1_000), failingManager);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await App.SendAsync(new SetPayoutSchedule.Command(paid.StationId, "usd", PayoutFrequency.Weekly, 1_000), paidManager);
        Break(failure);

        fixture.Time.Advance(TimeSpan.FromDays(7));
        await App.SendAsync(new SweepPayouts.Command());
        var crashed = await paid.RunEachJobAsync();

        Assert.Equal(failure == Failure.DiesAfterStripeMadeTheTransfer ? 1 : 0, crashed.Count);
        await PaidOnceAsync(paid, paidFunded);
        await HeldBackAsync(failure, failingFunded, failingManager);
        await BooksAgreeAsync(failure, paidFunded, failingFunded);

        // The same sweep again, and every job it could send delivered once more: nothing is paid twice.
        var transfers = (await paid.StripeTransfersAsync()).Count + (await failing.StripeTransfersAsync()).Count;
        var again = await SweepAgainWithEveryJobTwiceAsync();
        if (failure == Failure.DiesAfterStripeMadeTheTransfer)
        {
            Assert.All(again, dead => Assert.IsType<IOException>(dead));
        }
        else
        {
            Assert.Empty(again);
        }

        Assert.Equal(transfers, (await paid.StripeTransfersAsync()).Count + (await failing.StripeTransfersAsync()).Count);
        await PaidOnceAsync(paid, paidFunded);
        await HeldBackAsync(failure, failingFunded, failingManager);
        await BooksAgreeAsync(failure, paidFunded, failingFunded);

        if (!await RepairAsync(failure, failingManager))
        {
            return;
        }

        Assert.Empty(await SweepAgainWithEveryJobTwiceAsync());
        var repaired = Assert.Single(await PayoutsAsync(failing));
        Assert.Equal((PayoutStatus.Paid, failingFunded), (repaired.Status, repaired.Amount));
        Assert.Single(await failing.StripeTransfersAsync());
        Assert.Null(Assert.Single((await App.SendAsync(new ListPayouts.Query(failing.StationId), failingManager)).Schedules).SetAsideReason);
        await PaidOnceAsync(paid, paidFunded);
        App.Factory.Emulator.Webhooks.Release();
        webhooksHeld = false;
        await App.StripeEventsProcessedAsync();
        await paid.BooksAgreeAsync(paidFunded);
        await failing.BooksAgreeAsync(failingFunded);
    }

    private void Break(Failure failure)
    {
        bool ToFailing(string body) => body.Contains($"destination={failing.StripeAccountId}", StringComparison.Ordinal);
        switch (failure)
        {
            case Failure.StripeRefusesTheRequest:
                fixture.Transfers.TransferNetwork = body => ToFailing(body) ? 400 : null;
                break;
            case Failure.StripeUnreachable:
                fixture.Transfers.TransferNetwork = body => ToFailing(body) ? 0 : null;
                break;
            case Failure.StripeAnswers500:
                fixture.Transfers.TransferNetwork = body => ToFailing(body) ? 500 : null;
                break;
            case Failure.StripeAnswers429:
                fixture.Transfers.TransferNetwork = body => ToFailing(body) ? 429 : null;
                break;
            case Failure.DiesAfterStripeMadeTheTransfer:
                // Held, so that Stripe's transfer event cannot record the payout behind the dead job's back.
                App.Factory.Emulator.Webhooks.Hold();
                webhooksHeld = true;
                fixture.Transfers.AfterCreate = async made =>
                {
                    if ((await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payouts.SingleAsync(p => p.Id == made.PayoutId))).RecipientId == failing.StationId)
                    {
                        throw new IOException("The process died before recording the transfer.");
                    }
                };
                break;
        }
    }

    private async Task PaidOnceAsync(PayoutKit kit, long funded)
    {
        var payout = Assert.Single(await PayoutsAsync(kit));
        Assert.Equal((PayoutStatus.Paid, funded, PayoutViews.ScheduleRequester), (payout.Status, payout.Amount, payout.RequestedBy));
        Assert.Equal(payout.TransferId, Assert.Single(await kit.StripeTransfersAsync()).Id);
    }

    private async Task HeldBackAsync(Failure failure, long funded, TestSender manager)
    {
        var payouts = await PayoutsAsync(failing);
        var schedule = Assert.Single((await App.SendAsync(new ListPayouts.Query(failing.StationId), manager)).Schedules);
        Assert.True(schedule.NextDueAt > fixture.Time.GetUtcNow(), "the schedule moved on to its next date");
        var escrow = await failing.Pledges.EscrowAsync(failing.StationSlug);
        switch (failure)
        {
            case Failure.TermsNotAgreed or Failure.AccountNotReady:
                Assert.Empty(payouts);
                Assert.Equal(failure == Failure.TermsNotAgreed ? PayoutTerms.NotAgreed : PayoutRequests.AccountNotReady, schedule.SetAsideReason);
                Assert.Equal(fixture.Time.GetUtcNow(), schedule.SetAsideAt!.Value, TimeSpan.FromMilliseconds(1));
                Assert.Equal((funded, 0), (escrow.AvailableCredit, escrow.DebitsPending));
                break;
            case Failure.StripeRefusesTheAccount or Failure.StripeRefusesTheRequest:
                var failed = Assert.Single(payouts);
                Assert.Equal((PayoutStatus.Failed, funded), (failed.Status, failed.Amount));
                Assert.Contains(failure == Failure.StripeRefusesTheAccount ? "cannot receive transfers" : "Stripe refused the transfer: Injected", failed.Reason, StringComparison.Ordinal);
                Assert.Equal((funded, 0), (escrow.AvailableCredit, escrow.DebitsPending));
                break;
            case Failure.AboveTheApprovalLimit:
                Assert.Equal((PayoutStatus.AwaitingApproval, funded), (Assert.Single(payouts).Status, payouts[0].Amount));
                Assert.Equal((0, funded), (escrow.AvailableCredit, escrow.DebitsPending));
                break;
            default:
                var waiting = Assert.Single(payouts);
                Assert.Equal((PayoutStatus.Transferring, funded), (waiting.Status, waiting.Amount));
                Assert.Equal(failure != Failure.DiesAfterStripeMadeTheTransfer, waiting.RetryAt is not null);
                Assert.Equal((0, funded), (escrow.AvailableCredit, escrow.DebitsPending));
                break;
        }

        if (failure is not (Failure.TermsNotAgreed or Failure.AccountNotReady))
        {
            Assert.Null(schedule.SetAsideReason);
        }
    }

    private async Task BooksAgreeAsync(Failure failure, long paidFunded, long failingFunded)
    {
        await paid.BooksAgreeAsync(paidFunded);
        if (failure == Failure.DiesAfterStripeMadeTheTransfer)
        {
            // Stripe made the transfer our books do not know of yet: exactly one, of the payout's amount, reserved meanwhile.
            Assert.Equal(failingFunded, Assert.Single(await failing.StripeTransfersAsync()).Amount);
            Assert.Equal(failingFunded, (await failing.Pledges.EscrowAsync(failing.StationSlug)).DebitsPending);
            return;
        }

        await failing.BooksAgreeAsync(failingFunded);
    }

    /// <summary>Undoes what held the failing station back; false when nothing the test can do would (Stripe refused, or the account is not onboarded).</summary>
    private async Task<bool> RepairAsync(Failure failure, TestSender manager)
    {
        fixture.Transfers.TransferNetwork = null;
        fixture.Transfers.AfterCreate = null;
        switch (failure)
        {
            case Failure.TermsNotAgreed:
                await App.SendAsync(new AgreeToTerms.Command(failing.StationId), manager);
                fixture.Time.Advance(TimeSpan.FromDays(7));
                return true;
            case Failure.AboveTheApprovalLimit:
                var finance = await paid.FinanceAsync();
                await App.SendAsync(new ApprovePayout.Command(Assert.Single(await PayoutsAsync(failing)).Id), finance);
                await paid.RunJobsAsync();
                return true;
            case Failure.StripeUnreachable or Failure.StripeAnswers500 or Failure.StripeAnswers429:
                fixture.Time.Advance(TimeSpan.FromMinutes(1));
                return true;
            case Failure.DiesAfterStripeMadeTheTransfer:
                fixture.Time.Advance(TimeSpan.FromMinutes(16));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The sweep, then every job it sends and every job it could send (each schedule, each unfinished payout) delivered
    /// twice more, each run on its own; returns the jobs that failed.
    /// </summary>
    private async Task<IReadOnlyList<Exception>> SweepAgainWithEveryJobTwiceAsync()
    {
        await App.SendAsync(new SweepPayouts.Command());
        await App.WithScopeAsync(async sp =>
        {
            var jobs = sp.GetRequiredService<IBackgroundJobs>();
            var db = sp.GetRequiredService<AppDbContext>();
            var payouts = await db.Payouts.AsNoTracking().Select(p => p.Id).ToListAsync();
            for (var run = 0; run < 2; run++)
            {
                jobs.EnqueueAfterCommit(new RequestScheduledPayout.Command(failing.StationId, "usd"));
                jobs.EnqueueAfterCommit(new RequestScheduledPayout.Command(paid.StationId, "usd"));
                payouts.ForEach(id => jobs.EnqueueAfterCommit(new TransferPayout.Command(id)));
            }

            return await db.SaveChangesAsync();
        });
        var failures = await paid.RunEachJobAsync();
        if (!webhooksHeld)
        {
            await App.StripeEventsProcessedAsync();
        }

        return failures;
    }

    private Task<List<Payout>> PayoutsAsync(PayoutKit kit) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payouts.AsNoTracking().Where(p => p.RecipientId == kit.StationId).ToListAsync());
}
