using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Ledger;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Ledger;

/// <summary>The ledger kept in the database, each call in one transaction as a command runs; on both providers.</summary>
public abstract class LedgerBookTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task A_payment_posts_and_the_balances_read_back_to_the_cent()
    {
        await Kit.AddStationAsync();

        var result = await PayAsync("pi_1", amount: 1000, fee: 59);

        Assert.False(result.AlreadyPosted);
        Assert.Equal(3, result.Entry.Transfers.Count);
        var balances = await Kit.BalancesAsync();
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), await Kit.EscrowAsync());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(new AccountBalance(1000, 59, 0, 0), balances["stripe:balance"]);
        Assert.Equal(new AccountBalance(59, 59, 0, 0), balances["fees:processing"]);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
    }

    [Fact]
    public async Task An_entry_names_its_cause_in_indexed_columns_and_its_key_is_made_from_them()
    {
        await Kit.AddStationAsync();
        await PayAsync("pi_1", amount: 1000, fee: 59);
        var recipient = await Kit.RecipientIdAsync();
        var payment = await Kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1", "post"), "payout", [await PledgeKit.WithdrawalAsync(ledger, recipient, 100)], default));

        var entries = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.AsNoTracking()
            .OrderBy(e => e.IdempotencyKey).Select(e => new { e.CauseType, e.CauseId, e.IdempotencyKey }).ToListAsync());
        var found = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.AsNoTracking()
            .SingleAsync(e => e.CauseType == EntryCauseType.Payout && e.CauseId == "po_1"));

        Assert.Equal(
            [new { CauseType = EntryCauseType.PledgePayment, CauseId = "pi_1", IdempotencyKey = "payment:pi_1" }, new { CauseType = EntryCauseType.Payout, CauseId = "po_1", IdempotencyKey = "payout:po_1:post" }],
            entries);
        Assert.Equal(payment.Entry.Id, found.Id);
    }

    [Fact]
    public async Task Posting_the_same_cause_twice_records_once_and_returns_the_first_entry()
    {
        await Kit.AddStationAsync();

        var first = await PayAsync("pi_1", amount: 1000, fee: 59);
        var second = await PayAsync("pi_1", amount: 1000, fee: 59);

        Assert.True(second.AlreadyPosted);
        Assert.Equal(first.Entry.Id, second.Entry.Id);
        Assert.Equal(first.Entry.Transfers.Select(t => t.Id), second.Entry.Transfers.OrderBy(t => t.Sequence).Select(t => t.Id));
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(3, await Kit.CountAsync<LedgerTransfer>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task Overdrawing_an_escrow_is_refused_and_nothing_is_written()
    {
        await Kit.AddStationAsync();
        await PayAsync("pi_1", amount: 1000, fee: 59);
        var before = await Kit.BalancesAsync();
        var recipient = await Kit.RecipientIdAsync();

        var error = await Assert.ThrowsAsync<LedgerException>(() =>
            Kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1"), "payout", [await PledgeKit.WithdrawalAsync(ledger, recipient, 942)], default)));

        Assert.Equal(LedgerErrorCode.InsufficientFunds, error.Code);
        Assert.Equal(before, await Kit.BalancesAsync());
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task A_reservation_is_held_then_partly_posted_once_and_the_rest_released()
    {
        await Kit.AddStationAsync();
        await PayAsync("pi_1", amount: 1000, fee: 0);
        var reservation = Guid.NewGuid();

        await ReserveAsync("po_1", reservation, 600);
        Assert.Equal(400, (await Kit.EscrowAsync()).AvailableCredit);
        await ResolveAsync("po_1", "post", new TransferRequest.PostReserved(reservation, 450));
        var repost = await Assert.ThrowsAsync<LedgerException>(() => ResolveAsync("po_1", "post-again", new TransferRequest.VoidReserved(reservation)));

        Assert.Equal(LedgerErrorCode.ReservationAlreadyResolved, repost.Code);
        Assert.Equal(new AccountBalance(450, 1000, 0, 0), await Kit.EscrowAsync());
        Assert.Equal(new AccountBalance(1000, 450, 0, 0), (await Kit.BalancesAsync())["stripe:balance"]);
    }

    [Fact]
    public async Task An_unknown_account_is_refused_and_nothing_is_written()
    {
        var error = await Assert.ThrowsAsync<LedgerException>(() => Kit.LedgerAsync(async ledger =>
        {
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, default);
            return await ledger.PostAsync(EntryCause.PledgePayment("pi_1"), "payment", [new TransferRequest.Post(stripe.Id, Guid.NewGuid(), new Money(1000, Currency.Usd))], default);
        }));

        Assert.Equal(LedgerErrorCode.UnknownAccount, error.Code);
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(0, await Kit.CountAsync<LedgerAccount>());
    }

    [Theory]
    [InlineData(" ", 1000, LedgerErrorCode.InvalidIdempotencyKey)]
    [InlineData("pi_1", 0, LedgerErrorCode.NonPositiveAmount)]
    public async Task An_invalid_entry_is_refused_before_touching_the_books(string causeId, long amount, LedgerErrorCode expected)
    {
        await Kit.AddStationAsync();
        var recipient = await Kit.RecipientIdAsync();

        var error = await Assert.ThrowsAsync<LedgerException>(() => Kit.LedgerAsync(async ledger =>
            await ledger.PostAsync(EntryCause.PledgePayment(causeId), "payment", await PledgeKit.PaymentTransfersAsync(ledger, recipient, amount, fee: 0), default)));

        Assert.Equal(expected, error.Code);
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(0, await Kit.CountAsync<LedgerAccount>());
    }

    [Fact]
    public async Task Each_posting_records_its_number_and_the_balance_after_it_on_the_counter_row_it_was_booked_on()
    {
        await Kit.AddStationAsync();
        var recipient = await Kit.RecipientIdAsync();
        var reservation = Guid.NewGuid();

        // A batch is walked in order; a later entry goes on from where the batch left each row; a reservation moves no posted money.
        await Kit.LedgerAsync(async ledger => await ledger.PostManyAsync(
        [
            new EntryRequest(EntryCause.PledgePayment("pi_1"), "payment", await PledgeKit.PaymentTransfersAsync(ledger, recipient, 1000, 59)),
            new EntryRequest(EntryCause.PledgePayment("pi_2"), "payment", await PledgeKit.PaymentTransfersAsync(ledger, recipient, 2000, 88)),
        ], default));
        await ReserveAsync("po_1", reservation, 600);
        await ResolveAsync("po_1", "post", new TransferRequest.PostReserved(reservation, 500));

        var escrow = await App.WithScopeAsync(sp => sp.GetRequiredService<LedgerBook>().EscrowAccountAsync(recipient, Currency.Usd, default));
        var (legs, rows) = await RunningBalancesAsync(escrow.Id);
        Assert.Equal([new(0, 1, 1000), new(0, 2, 941), new(0, 3, 2941), new(0, 4, 2853), new(0, 5, 2353)], legs);
        Assert.Equal(5, Assert.Single(rows).PostingCount);

        // The hot account numbers each counter row on its own; each row's chain ends at that row's balance.
        var stripe = await App.WithScopeAsync(sp => sp.GetRequiredService<LedgerBook>().PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, default));
        var (stripeLegs, stripeRows) = await RunningBalancesAsync(stripe.Id);
        Assert.Equal(5, stripeLegs.Count);
        foreach (var row in stripeRows)
        {
            var chain = stripeLegs.Where(l => l.Slot == row.Slot).ToList();
            Assert.Equal(Enumerable.Range(1, chain.Count).Select(n => (long)n), chain.Select(l => l.Sequence));
            Assert.Equal(row.PostingCount, chain.Count);
            Assert.Equal(row.DebitsPosted - row.CreditsPosted, chain.Count == 0 ? 0 : chain[^1].BalanceAfter);
        }
    }

    protected Task<PostedEntry> PayAsync(string paymentIntentId, long amount, long fee) => Kit.PostPaymentAsync(paymentIntentId, amount, fee);

    protected async Task<PostedEntry> ReserveAsync(string payoutId, Guid reservation, long amount)
    {
        var recipient = await Kit.RecipientIdAsync();
        return await Kit.LedgerAsync(async ledger =>
        {
            var withdrawal = await PledgeKit.WithdrawalAsync(ledger, recipient, amount);
            return await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, payoutId, "reserve"), "payout", [new TransferRequest.Reserve(reservation, withdrawal.DebitAccountId, withdrawal.CreditAccountId, withdrawal.Amount)], default);
        });
    }

    protected Task<PostedEntry> ResolveAsync(string payoutId, string step, TransferRequest resolution) =>
        Kit.LedgerAsync(ledger => ledger.PostAsync(new EntryCause(EntryCauseType.Payout, payoutId, step), "payout", [resolution], default));

    /// <summary>The account's postings (one row's numbers in order, then the next row's) and its counter rows.</summary>
    private Task<(List<RunningBalance> Legs, List<AccountBalanceSlot> Rows)> RunningBalancesAsync(Guid accountId) => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<IAppDbContext>();
        var transfers = await db.LedgerTransfers.AsNoTracking().Where(t => t.DebitAccountId == accountId || t.CreditAccountId == accountId).ToListAsync();
        var legs = transfers
            .Select(t => t.DebitAccountId == accountId ? t.DebitRunningBalance : t.CreditRunningBalance)
            .OfType<RunningBalance>()
            .OrderBy(l => l.Slot).ThenBy(l => l.Sequence)
            .ToList();
        return (legs, await db.LedgerBalances.AsNoTracking().Where(b => b.AccountId == accountId).OrderBy(b => b.Slot).ToListAsync());
    });
}

[Collection(PostgresCollection.Name)]
public sealed class LedgerBookOnPostgresTests(PostgresFixture fixture) : LedgerBookTests(fixture)
{
    [Fact]
    public async Task Concurrent_posts_of_one_cause_post_exactly_once()
    {
        await Kit.AddStationAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PayAsync("pi_race", 1000, 59))));

        Assert.Single(results.Select(r => r.Entry.Id).Distinct());
        Assert.Single(results, r => !r.AlreadyPosted);
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task Concurrent_reservations_never_take_more_than_the_escrow_holds()
    {
        await Kit.AddStationAsync();
        await PayAsync("pi_1", amount: 1000, fee: 0);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await ReserveAsync($"po_{i}", Guid.NewGuid(), 300);
                return true;
            }
            catch (LedgerException e) when (e.Code == LedgerErrorCode.InsufficientFunds)
            {
                return false;
            }
        })));

        Assert.Equal(3, attempts.Count(ok => ok));
        Assert.Equal(new AccountBalance(0, 1000, 900, 0), await Kit.EscrowAsync());
        Assert.Equal(4, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task Payments_spread_the_hot_stripe_balance_over_its_counter_rows_and_still_sum_exactly()
    {
        await Kit.AddStationAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => PayAsync($"pi_{i}", 1000 + i, 59))));

        var slots = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().LedgerBalances
            .Where(b => b.DebitsPosted > 0).Select(b => b.AccountId).ToListAsync());
        var balances = await Kit.BalancesAsync();
        Assert.True(slots.Count > 3, $"expected the payments spread over several counter rows, found {slots.Count} rows with debits");
        Assert.Equal(40 * 1000 + Enumerable.Range(0, 40).Sum(), balances["stripe:balance"].DebitsPosted);
        Assert.Equal((40 * 1000) + Enumerable.Range(0, 40).Sum() - (40 * 59), (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));

        // Racing for the escrow row, the payments were numbered in the order they took it: every chain still adds up.
        var check = await App.SendAsync(new CheckLedgerIntegrity.Query());
        Assert.True(check.Balanced, string.Join(Environment.NewLine, check.Problems));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LedgerBookOnSqliteTests(SqliteFixture fixture) : LedgerBookTests(fixture);
