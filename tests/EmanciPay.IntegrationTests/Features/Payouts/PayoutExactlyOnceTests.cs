using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payouts;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payouts;

/// <summary>Issue 9 item 7: each payout is transferred once, whatever crashes, retries, races and event orders come between.</summary>
[Collection(PayoutsCollection.Name)]
public sealed class PayoutExactlyOnceTests : IntegrationTest
{
    private readonly PayoutsFixture fixture;
    private readonly PayoutKit kit;

    public PayoutExactlyOnceTests(PayoutsFixture fixture)
        : base(fixture)
    {
        this.fixture = fixture;
        fixture.Transfers.Reset();

        // Events a failed test held back would otherwise keep the next one's reset waiting.
        fixture.Factory.Emulator.Webhooks.Reset();
        kit = new PayoutKit(fixture);
    }

    [Fact]
    public async Task The_process_dying_after_Stripe_accepted_the_transfer_and_before_our_commit_leaves_one_transfer_and_one_posting()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();
        App.Factory.Emulator.Webhooks.Hold();
        fixture.Transfers.AfterCreate = _ => throw new IOException("The process died before recording the transfer.");

        var payout = await kit.RequestAsync(manager, 3_000);
        await Assert.ThrowsAsync<IOException>(kit.RunJobsAsync);
        Assert.Equal((PayoutStatus.Transferring, 1), ((await kit.PayoutAsync(payout.Id)).Status, (await kit.PayoutAsync(payout.Id)).Attempts));
        Assert.Single(await kit.StripeTransfersAsync());

        // The sweep finds the attempt unfinished long after it started and runs the job again.
        fixture.Transfers.AfterCreate = null;
        fixture.Time.Advance(TimeSpan.FromMinutes(16));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();

        Assert.Equal(PayoutStatus.Paid, (await kit.PayoutAsync(payout.Id)).Status);
        Assert.Equal(2, fixture.Transfers.Created);
        await kit.BooksAgreeAsync(funded);

        App.Factory.Emulator.Webhooks.Release();
        await App.StripeEventsProcessedAsync();
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task An_attempt_older_than_24_hours_finds_the_earlier_transfer_at_Stripe_instead_of_making_another()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();
        App.Factory.Emulator.Webhooks.Hold();
        fixture.Transfers.AfterCreate = _ => throw new IOException("The process died before recording the transfer.");
        var payout = await kit.RequestAsync(manager, 2_500);
        await Assert.ThrowsAsync<IOException>(kit.RunJobsAsync);

        // Stripe (the emulator, on the same clock) has forgotten the idempotency key by now: only the look-up prevents a second transfer.
        fixture.Transfers.AfterCreate = null;
        fixture.Time.Advance(TimeSpan.FromHours(25));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();

        var paid = await kit.PayoutAsync(payout.Id);
        Assert.Equal((PayoutStatus.Paid, 2), (paid.Status, paid.Attempts));
        Assert.Equal(1, fixture.Transfers.Created);
        await kit.BooksAgreeAsync(funded);
        App.Factory.Emulator.Webhooks.Release();
        await App.StripeEventsProcessedAsync();
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task Stripe_answering_500_then_429_is_retried_with_backoff_until_the_transfer_is_made_once()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();
        App.Factory.Emulator.Faults.FailNext(1, 500);
        App.Factory.Emulator.Faults.FailNext(1, 429);

        var payout = await kit.RequestAsync(manager, 4_000);
        await kit.RunJobsAsync();
        var waiting = await kit.PayoutAsync(payout.Id);
        Assert.Equal((PayoutStatus.Transferring, 1), (waiting.Status, waiting.Attempts));
        Assert.Equal(fixture.Time.GetUtcNow().AddMinutes(1), waiting.RetryAt!.Value, TimeSpan.FromMilliseconds(1));

        // Not due yet: the sweep leaves it.
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();
        Assert.Equal(1, (await kit.PayoutAsync(payout.Id)).Attempts);

        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();
        var again = await kit.PayoutAsync(payout.Id);
        Assert.Equal(2, again.Attempts);
        Assert.Equal(fixture.Time.GetUtcNow().AddMinutes(2), again.RetryAt!.Value, TimeSpan.FromMilliseconds(1));

        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();

        var paid = await kit.PayoutAsync(payout.Id);
        Assert.Equal((PayoutStatus.Paid, 3), (paid.Status, paid.Attempts));
        Assert.Equal(2, App.Factory.Emulator.Faults.Served);
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task The_same_payout_job_running_three_times_at_once_transfers_once()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000, 2_000);
        var manager = await kit.ManagerAsync();
        var payout = await kit.RequestAsync(manager, null);
        App.Factory.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(300);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => App.SendAsync(new TransferPayout.Command(payout.Id))));

        Assert.Equal(PayoutStatus.Paid, (await kit.PayoutAsync(payout.Id)).Status);
        Assert.Equal(funded, payout.Amount);
        await kit.BooksAgreeAsync(funded);
        await kit.RunJobsAsync();
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task Two_requests_racing_for_the_same_escrow_never_reserve_more_than_is_available()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();
        var share = funded * 6 / 10;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                return (Result: await kit.RequestAsync(manager, share, $"race-{i}"), Refused: (ValidationException?)null);
            }
            catch (ValidationException refused)
            {
                return (Result: (RequestPayout.Result?)null, Refused: refused);
            }
        }));

        Assert.Single(outcomes, o => o.Result is not null);
        var refusal = Assert.Single(outcomes, o => o.Refused is not null).Refused!;
        Assert.Equal("Amount", Assert.Single(refusal.Errors).PropertyName);
        Assert.Contains("more than is available", refusal.Errors.Single().ErrorMessage, StringComparison.Ordinal);
        var escrow = await kit.Pledges.EscrowAsync();
        Assert.Equal((share, funded - share), (escrow.DebitsPending, escrow.AvailableCredit));

        await kit.RunJobsAsync();
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task A_schedule_losing_the_escrow_to_a_managers_request_at_the_same_moment_writes_nothing_and_pays_what_is_left_later()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000, 2_000);
        var manager = await kit.ManagerAsync();
        await App.SendAsync(new SetPayoutSchedule.Command(kit.StationId, "usd", PayoutFrequency.Weekly, 0), manager);
        fixture.Time.Advance(TimeSpan.FromDays(7));
        var escrowId = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().LedgerAccounts
            .Where(a => a.Code == LedgerAccount.EscrowCode(kit.StationId)).Select(a => a.Id).SingleAsync());

        // Both read the whole balance as available while the escrow's balance row is locked; the manager's reservation
        // then takes it first, and the schedule's conditional update finds too little left.
        await using var blocker = await App.OpenAsync();
        await using var held = await blocker.BeginTransactionAsync();
        await using (var lockRow = blocker.CreateCommand())
        {
            lockRow.Transaction = held;
            lockRow.CommandText = $"SELECT 1 FROM \"LedgerBalances\" WHERE \"AccountId\" = '{escrowId}' FOR UPDATE";
            await lockRow.ExecuteNonQueryAsync();
        }

        var request = kit.RequestAsync(manager, 1_000, "race-with-schedule");
        await LockWaitersAsync(1);
        var scheduled = App.SendAsync(new RequestScheduledPayout.Command(kit.StationId, "usd"));
        await LockWaitersAsync(2);
        await held.RollbackAsync();

        Assert.Equal("approved", (await request).Status);
        var outcome = await Xunit.Record.ExceptionAsync(() => scheduled);
        Assert.Equal(1, await kit.Pledges.CountAsync<Payout>());
        Assert.Empty(await IntegrityProblemsAsync());
        await kit.BooksAgreeAsync(funded);
        Assert.Equal("Amount", Assert.Single(Assert.IsType<ValidationException>(outcome).Errors).PropertyName);

        // The schedule is still due: the next sweep pays what the manager's payout left.
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();
        var payouts = (await App.SendAsync(new ListPayouts.Query(kit.StationId), manager)).Payouts;
        Assert.Equal([("paid", funded - 1_000, true), ("paid", 1_000L, false)], payouts.Select(p => (p.Status, p.Amount, p.RequestedBySchedule)).OrderBy(p => p.RequestedBySchedule ? 0 : 1));
        Assert.Empty(await IntegrityProblemsAsync());
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task A_reversal_Stripe_reports_of_a_transfer_for_a_payout_that_failed_gives_nothing_back_twice()
    {
        await kit.StationAsync(onboardedAtStripe: false);
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();
        var payout = await kit.RequestAsync(manager, 3_000);
        await kit.RunJobsAsync();
        Assert.Equal(PayoutStatus.Failed, (await kit.PayoutAsync(payout.Id)).Status);

        // Its reservation went back to the escrow when it failed; a reversal of a transfer for it must not give it again.
        var transfer = new JsonObject
        {
            ["id"] = "tr_after_failure", ["object"] = "transfer", ["amount"] = 3_000, ["amount_reversed"] = 3_000, ["currency"] = "usd",
            ["destination"] = kit.StripeAccountId, ["transfer_group"] = LedgerAccount.EscrowCode(kit.StationId), ["reversed"] = true,
            ["metadata"] = new JsonObject { ["payout_id"] = payout.Id.ToString() },
            ["reversals"] = new JsonObject
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = "/v1/transfers/tr_after_failure/reversals",
                ["data"] = new JsonArray(new JsonObject { ["id"] = "trr_after_failure", ["object"] = "transfer_reversal", ["amount"] = 3_000, ["currency"] = "usd", ["transfer"] = "tr_after_failure" }),
            },
        };
        var payload = kit.Pledges.EventPayload("evt_reversed_after_failure", "transfer.reversed", transfer);
        var delivered = await kit.Pledges.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, kit.Pledges.WebhookSecret, fixture.Time.GetUtcNow()));
        Assert.True(delivered.IsSuccessStatusCode, $"{delivered.StatusCode}");
        await App.StripeEventsProcessedAsync();

        Assert.Equal(StripeEventStatus.Processed, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StripeEvents.Where(e => e.Id == "evt_reversed_after_failure").Select(e => e.Status).SingleAsync()));
        Assert.Equal(PayoutStatus.Failed, (await kit.PayoutAsync(payout.Id)).Status);
        Assert.Equal(funded, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await kit.BooksAgreeAsync(funded);
    }

    /// <summary>What the ledger's integrity check finds once every entry is sealed (tests seal by hand; the clock moved days on).</summary>
    private async Task<IReadOnlyList<string>> IntegrityProblemsAsync()
    {
        while (await App.SendAsync(new Application.Features.Ledger.SealLedgerEntries.Command()) > 0)
        {
        }

        return (await App.SendAsync(new Application.Features.Ledger.CheckLedgerIntegrity.Query())).Problems;
    }

    /// <summary>Waits until this many of the app's statements wait for a lock.</summary>
    private async Task LockWaitersAsync(int count)
    {
        await using var connection = await App.OpenAsync();
        await PledgeKit.WaitForAsync(async () =>
        {
            await using var waiting = connection.CreateCommand();
            waiting.CommandText = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
            return Convert.ToInt32(await waiting.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= count;
        });
    }

    [Fact]
    public async Task The_transfer_webhook_arriving_before_our_own_commit_is_harmless()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync("manager@kexp.example");
        var payout = await kit.RequestAsync(manager, 1_500);
        var paidByEvent = false;
        fixture.Transfers.AfterCreate = async _ =>
        {
            await PledgeKit.WaitForAsync(async () => (await kit.PayoutAsync(payout.Id)).Status == PayoutStatus.Paid);
            paidByEvent = true;
        };

        await kit.RunJobsAsync();

        Assert.True(paidByEvent);
        await kit.BooksAgreeAsync(funded);
        var notices = App.Factory.Mail.Messages().Where(m => (m.Subject ?? "").Contains("transferred", StringComparison.Ordinal) && (m.TextBody ?? "").Contains(payout.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal("manager@kexp.example", Assert.Single(notices).To.ToString());
        Assert.Contains("$15.00", notices[0].TextBody, StringComparison.Ordinal);
    }
}
