using EmanciPay.Application.Features.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.IntegrationTests.Support;

namespace EmanciPay.IntegrationTests.Features.Ledger;

/// <summary>The nightly proof finds real books balanced, and finds a balance row or a running balance that no longer matches the postings.</summary>
public abstract class CheckLedgerIntegrityTests(AppFixture fixture) : IntegrationTest(fixture)
{
    protected PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task Books_made_by_payments_and_reservations_prove_balanced_and_a_tampered_balance_is_reported()
    {
        await PayThreeTimesAsync();
        var reservation = Guid.NewGuid();
        var recipient = await Kit.RecipientIdAsync();
        await Kit.LedgerAsync(async ledger =>
        {
            var withdrawal = await PledgeKit.WithdrawalAsync(ledger, recipient, 1500);
            return await ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1", "reserve"), "payout", [new TransferRequest.Reserve(reservation, withdrawal.DebitAccountId, withdrawal.CreditAccountId, withdrawal.Amount)], default);
        });
        await Kit.LedgerAsync(ledger => ledger.PostAsync(new EntryCause(EntryCauseType.Payout, "po_1", "post"), "payout", [new TransferRequest.PostReserved(reservation, 1200)], default));

        var clean = await App.SendAsync(new CheckLedgerIntegrity.Query());
        var paged = await App.SendAsync(new CheckLedgerIntegrity.Query(PageSize: 2));
        await TamperAsync("""UPDATE "LedgerBalances" SET "CreditsPosted" = "CreditsPosted" + 1 WHERE "AccountId" IN (SELECT "Id" FROM "LedgerAccounts" WHERE "Code" LIKE 'escrow:%')""");
        var tampered = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.True(clean.Balanced, string.Join(Environment.NewLine, clean.Problems));
        Assert.Equal(5, clean.EntriesChecked);
        Assert.Equal(5, paged.EntriesChecked);
        Assert.Empty(paged.Problems);
        Assert.False(tampered.Balanced);
        var problem = Assert.Single(tampered.Problems);
        Assert.StartsWith("Account escrow:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_running_balance_is_reported_at_the_posting_that_breaks_it()
    {
        await PayThreeTimesAsync();
        await TamperAsync("""
            UPDATE "LedgerTransfers" SET "CreditBalanceAfter" = "CreditBalanceAfter" + 1
            WHERE "Id" = (SELECT "Id" FROM "LedgerTransfers" WHERE "CreditAccountId" IN (SELECT "Id" FROM "LedgerAccounts" WHERE "Code" LIKE 'escrow:%')
                          ORDER BY "CreditSlotSequence" LIMIT 1 OFFSET 1)
            """);

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query());

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("Account escrow:", problem, StringComparison.Ordinal);
        Assert.Contains("says 1942 after posting 3, but 941 and 1000 make 1941", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counter_rows_of_a_hot_account_that_no_longer_match_their_own_running_balances_are_reported()
    {
        await PayThreeTimesAsync();

        // The account's total is unchanged: only the rows' own chains can tell.
        await TamperAsync("""
            UPDATE "LedgerBalances" SET "DebitsPosted" = "DebitsPosted" + CASE "Slot" WHEN 0 THEN 1 ELSE -1 END
            WHERE "Slot" IN (0, 1) AND "AccountId" IN (SELECT "Id" FROM "LedgerAccounts" WHERE "Code" = 'stripe:balance')
            """);

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.StartsWith("Account stripe:balance (USD) row ", p, StringComparison.Ordinal));
    }

    /// <summary>Three payments of 1000 (fee 59) by the listener's route: API, checkout, webhooks.</summary>
    protected async Task PayThreeTimesAsync()
    {
        await Kit.AddStationAsync();
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await Kit.PayAsync(await Kit.PledgeAsync(1000, key));
        }

        await Kit.WebhooksDeliveredAsync();
    }

    protected async Task TamperAsync(string sql)
    {
        await using var connection = await App.OpenAsync();
        await using var tamper = connection.CreateCommand();
        tamper.CommandText = sql;
        Assert.NotEqual(0, await tamper.ExecuteNonQueryAsync());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CheckLedgerIntegrityOnPostgresTests(PostgresFixture fixture) : CheckLedgerIntegrityTests(fixture)
{
    [Fact]
    public async Task Postings_read_out_of_their_order_on_a_row_as_after_a_race_for_it_still_prove_consistent()
    {
        await PayThreeTimesAsync();

        // As if the last payment had read the clock first but taken the escrow's row last.
        await TamperAsync("""
            UPDATE "JournalEntries" SET "PostedAt" = "PostedAt" - interval '1 hour'
            WHERE "Id" = (SELECT "EntryId" FROM "LedgerTransfers" WHERE "CreditAccountId" IN (SELECT "Id" FROM "LedgerAccounts" WHERE "Code" LIKE 'escrow:%')
                          ORDER BY "CreditSlotSequence" DESC LIMIT 1)
            """);

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query(PageSize: 1));

        Assert.True(result.Balanced, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(3, result.EntriesChecked);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CheckLedgerIntegrityOnSqliteTests(SqliteFixture fixture) : CheckLedgerIntegrityTests(fixture);
