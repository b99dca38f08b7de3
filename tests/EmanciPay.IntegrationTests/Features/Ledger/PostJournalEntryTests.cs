using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static EmanciPay.Application.Features.Ledger.PostJournalEntry;

namespace EmanciPay.IntegrationTests.Features.Ledger;

/// <summary>The ledger through the mediator pipeline (validation, transaction) on a real database; run on both providers.</summary>
public abstract class PostJournalEntryTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task A_payment_posts_through_the_command_and_the_balances_read_back_to_the_cent()
    {
        await Kit.AddStationAsync();

        var result = await App.SendAsync(Payment("evt_1", "kexp-fm", amount: 1000, fee: 59));

        Assert.False(result.AlreadyPosted);
        Assert.Equal(3, result.TransferIds.Count);
        var balances = await Kit.BalancesAsync();
        Assert.Equal(new AccountBalance(59, 1000, 0, 0), (await Kit.EscrowAsync()));
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(new AccountBalance(1000, 59, 0, 0), balances["stripe:balance"]);
        Assert.Equal(new AccountBalance(59, 59, 0, 0), balances["fees:processing"]);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
    }

    [Fact]
    public async Task Posting_the_same_idempotency_key_twice_records_once_and_returns_the_first_result()
    {
        await Kit.AddStationAsync();

        var first = await App.SendAsync(Payment("evt_1", "kexp-fm", amount: 1000, fee: 59));
        var second = await App.SendAsync(Payment("evt_1", "kexp-fm", amount: 1000, fee: 59));

        Assert.True(second.AlreadyPosted);
        Assert.Equal(first.EntryId, second.EntryId);
        Assert.Equal(first.TransferIds, second.TransferIds);
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(3, await Kit.CountAsync<LedgerTransfer>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task Overdrawing_an_escrow_is_refused_and_nothing_is_written()
    {
        await Kit.AddStationAsync();
        await App.SendAsync(Payment("evt_1", "kexp-fm", amount: 1000, fee: 59));
        var before = await Kit.BalancesAsync();

        var error = await Assert.ThrowsAsync<LedgerException>(() => App.SendAsync(new Command("payout_1", "payout",
        [
            new Line(TransferKind.Posted, "escrow:kexp-fm", "stripe:balance", 942, "usd", null),
        ])));

        Assert.Equal(LedgerErrorCode.InsufficientFunds, error.Code);
        Assert.Equal(before, await Kit.BalancesAsync());
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task A_reservation_is_held_then_partly_posted_once_and_the_rest_released()
    {
        await Kit.AddStationAsync();
        await App.SendAsync(Payment("evt_1", "kexp-fm", amount: 1000, fee: 0));
        var reservation = Guid.NewGuid();

        await App.SendAsync(new Command("payout_1:reserve", "payout", [new Line(TransferKind.Pending, "escrow:kexp-fm", "stripe:balance", 600, "usd", reservation)]));
        Assert.Equal(400, (await Kit.EscrowAsync()).AvailableCredit);
        await App.SendAsync(new Command("payout_1:post", "payout", [new Line(TransferKind.PostPending, null, null, 450, null, reservation)]));
        var repost = await Assert.ThrowsAsync<LedgerException>(() =>
            App.SendAsync(new Command("payout_1:post-again", "payout", [new Line(TransferKind.VoidPending, null, null, null, null, reservation)])));

        Assert.Equal(LedgerErrorCode.ReservationAlreadyResolved, repost.Code);
        Assert.Equal(new AccountBalance(450, 1000, 0, 0), (await Kit.EscrowAsync()));
        Assert.Equal(new AccountBalance(1000, 450, 0, 0), (await Kit.BalancesAsync())["stripe:balance"]);
    }

    [Fact]
    public async Task An_unknown_station_account_is_refused_and_nothing_is_written()
    {
        var error = await Assert.ThrowsAsync<LedgerException>(() => App.SendAsync(Payment("evt_1", "no-such-station", 1000, 0)));

        Assert.Equal(LedgerErrorCode.UnknownAccount, error.Code);
        Assert.Equal(0, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(0, await Kit.CountAsync<LedgerAccount>());
    }

    [Fact]
    public async Task Invalid_commands_fail_validation_naming_each_field_before_touching_the_database()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new Command("", "payment",
        [
            new Line(TransferKind.Posted, "stripe:balance", "escrow:kexp-fm", 0, "dollars", null),
        ])));

        Assert.Equal(
            ["IdempotencyKey", "Lines[0].Amount", "Lines[0].Currency"],
            error.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
        Assert.Equal(0, await Kit.CountAsync<LedgerAccount>());
    }

    protected static Command Payment(string key, string station, long amount, long fee)
    {
        List<Line> lines = [new(TransferKind.Posted, "stripe:balance", $"escrow:{station}", amount, "usd", null)];
        if (fee > 0)
        {
            lines.Add(new(TransferKind.Posted, "fees:processing", "stripe:balance", fee, "usd", null));
            lines.Add(new(TransferKind.Posted, $"escrow:{station}", "fees:processing", fee, "usd", null));
        }

        return new Command(key, "payment", lines);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostJournalEntryOnPostgresTests(PostgresFixture fixture) : PostJournalEntryTests(fixture)
{
    [Fact]
    public async Task Concurrent_commands_with_one_idempotency_key_post_exactly_once()
    {
        await Kit.AddStationAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => App.SendAsync(Payment("evt_race", "kexp-fm", 1000, 59)))));

        Assert.Single(results.Select(r => r.EntryId).Distinct());
        Assert.Single(results, r => !r.AlreadyPosted);
        Assert.Equal(1, await Kit.CountAsync<JournalEntry>());
        Assert.Equal(941, (await Kit.EscrowAsync()).AvailableCredit);
    }

    [Fact]
    public async Task Concurrent_reservations_never_take_more_than_the_escrow_holds()
    {
        await Kit.AddStationAsync();
        await App.SendAsync(Payment("evt_1", "kexp-fm", amount: 1000, fee: 0));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await App.SendAsync(new Command($"payout_{i}", "payout", [new Line(TransferKind.Pending, "escrow:kexp-fm", "stripe:balance", 300, "usd", Guid.NewGuid())]));
                return true;
            }
            catch (LedgerException e) when (e.Code == LedgerErrorCode.InsufficientFunds)
            {
                return false;
            }
        })));

        Assert.Equal(3, attempts.Count(ok => ok));
        var escrow = (await Kit.EscrowAsync());
        Assert.Equal(new AccountBalance(0, 1000, 900, 0), escrow);
        Assert.Equal(4, await Kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task Payments_spread_the_hot_stripe_balance_over_its_counter_rows_and_still_sum_exactly()
    {
        await Kit.AddStationAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => App.SendAsync(Payment($"evt_{i}", "kexp-fm", 1000 + i, 59)))));

        var slots = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().LedgerBalances
            .Where(b => b.DebitsPosted > 0).Select(b => b.AccountId).ToListAsync());
        var balances = await Kit.BalancesAsync();
        Assert.True(slots.Count > 3, $"expected the payments spread over several counter rows, found {slots.Count} rows with debits");
        Assert.Equal(40 * 1000 + Enumerable.Range(0, 40).Sum(), balances["stripe:balance"].DebitsPosted);
        Assert.Equal((40 * 1000) + Enumerable.Range(0, 40).Sum() - (40 * 59), (await Kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PostJournalEntryOnSqliteTests(SqliteFixture fixture) : PostJournalEntryTests(fixture);
