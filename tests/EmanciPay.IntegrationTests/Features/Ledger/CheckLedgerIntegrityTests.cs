using EmanciPay.Application.Features.Ledger;
using EmanciPay.IntegrationTests.Support;

namespace EmanciPay.IntegrationTests.Features.Ledger;

/// <summary>The nightly proof finds real books balanced, and finds a balance row that no longer matches its postings.</summary>
public abstract class CheckLedgerIntegrityTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task Books_made_by_payments_and_reservations_prove_balanced_and_a_tampered_balance_is_reported()
    {
        await kit.AddStationAsync();
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await kit.PayAsync(await kit.PledgeAsync(1000, key));
        }

        await kit.WebhooksDeliveredAsync();
        var reservation = Guid.NewGuid();
        await App.SendAsync(new PostJournalEntry.Command("payout_1:reserve", "payout", [new PostJournalEntry.Line(Domain.Ledger.TransferKind.Pending, "escrow:kexp-fm", "stripe:balance", 1500, "usd", reservation)]));
        await App.SendAsync(new PostJournalEntry.Command("payout_1:post", "payout", [new PostJournalEntry.Line(Domain.Ledger.TransferKind.PostPending, null, null, 1200, null, reservation)]));

        var clean = await App.SendAsync(new CheckLedgerIntegrity.Query());
        await using (var connection = await App.OpenAsync())
        {
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = """UPDATE "LedgerBalances" SET "CreditsPosted" = "CreditsPosted" + 1 WHERE "AccountId" IN (SELECT "Id" FROM "LedgerAccounts" WHERE "Code" LIKE 'escrow:%')""";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var tampered = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.True(clean.Balanced, string.Join(Environment.NewLine, clean.Problems));
        Assert.Equal(5, clean.EntriesChecked);
        Assert.False(tampered.Balanced);
        var problem = Assert.Single(tampered.Problems);
        Assert.StartsWith("Account escrow:", problem, StringComparison.Ordinal);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CheckLedgerIntegrityOnPostgresTests(PostgresFixture fixture) : CheckLedgerIntegrityTests(fixture);

[Collection(SqliteCollection.Name)]
public sealed class CheckLedgerIntegrityOnSqliteTests(SqliteFixture fixture) : CheckLedgerIntegrityTests(fixture);
