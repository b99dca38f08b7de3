using EmanciPay.Application.Features.Ledger;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Ledger;

/// <summary>Finance's statement of one account over a period: the balance before it, its postings, the balance at its end.</summary>
public abstract class GetAccountStatementTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task A_statement_opens_with_the_balance_before_the_period_and_lists_its_postings_with_the_balance_after_each()
    {
        await kit.AddStationAsync();
        var recipient = await kit.RecipientIdAsync();
        await kit.PostPaymentAsync("pi_1", 1000, 59);
        var from = Now();
        await kit.PostPaymentAsync("pi_2", 2000, 88);
        await kit.LedgerAsync(async ledger => await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1"), "payout", [await PledgeKit.WithdrawalAsync(ledger, recipient, 500)], default));
        var to = Now();
        await kit.PostPaymentAsync("pi_3", 4000, 146);
        var (escrow, stripe, fees) = await App.WithScopeAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<LedgerBook>();
            return ((await ledger.EscrowAccountAsync(recipient, Currency.Usd, default)).Id,
                (await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, default)).Id,
                (await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, Currency.Usd, default)).Id);
        });

        var escrowStatement = await App.SendAsync(new GetAccountStatement.Query(escrow, from, to));
        var stripeStatement = await App.SendAsync(new GetAccountStatement.Query(stripe, from, to));
        var feesStatement = await App.SendAsync(new GetAccountStatement.Query(fees, from, to));
        var everything = await App.SendAsync(new GetAccountStatement.Query(escrow, from.AddDays(-1), to.AddDays(1)));

        // The escrow (a liability) reads what it holds; its postings in the order they were booked.
        Assert.Equal(941, escrowStatement.OpeningBalance);
        Assert.Equal(
            [(EntryCauseType.PledgePayment, "pi_2", 0L, 2000L, 2941L), (EntryCauseType.PledgePayment, "pi_2", 88L, 0L, 2853L), (EntryCauseType.Payout, "po_1", 500L, 0L, 2353L)],
            escrowStatement.Lines.Select(l => (l.CauseType, l.CauseId, l.Debit, l.Credit, l.Balance)));
        Assert.Equal(2353, escrowStatement.ClosingBalance);

        // The Stripe balance (an asset, over eight counter rows) and the fees (an expense, passed on) read the same way.
        Assert.Equal((941L, 2353L), (stripeStatement.OpeningBalance, stripeStatement.ClosingBalance));
        Assert.Equal([2000L, -88L, -500L], stripeStatement.Lines.Select(l => l.Debit - l.Credit));
        Assert.Equal((0L, 0L, 2), (feesStatement.OpeningBalance, feesStatement.ClosingBalance, feesStatement.Lines.Count));

        // Over all time the statement ends at the stored balance.
        Assert.Equal(0, everything.OpeningBalance);
        Assert.Equal(7, everything.Lines.Count);
        Assert.Equal((await kit.EscrowAsync()).AvailableCredit, everything.ClosingBalance);
        Assert.Equal(6207, everything.ClosingBalance);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var now = Now();

        var error = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new GetAccountStatement.Query(Guid.NewGuid(), now, now)));

        Assert.Equal(["To"], error.Errors.Select(e => e.PropertyName));
    }

    private DateTimeOffset Now() => App.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
}

[Collection(PostgresCollection.Name)]
public sealed class GetAccountStatementOnPostgresTests(PostgresFixture fixture) : GetAccountStatementTests(fixture);

[Collection(SqliteCollection.Name)]
public sealed class GetAccountStatementOnSqliteTests(SqliteFixture fixture) : GetAccountStatementTests(fixture);
