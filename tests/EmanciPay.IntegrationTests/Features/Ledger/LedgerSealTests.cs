using System.Net;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Ledger;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Ledger;

/// <summary>
/// The hash chain over the books on PostgreSQL: entries and postings changed or deleted in the database, and seals
/// changed or deleted, are each reported with their position; entries added behind the sealer's back are reported.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerSealTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private PledgeKit Kit { get; } = new(fixture);

    // The entry sealed at a position, as SQL, for the tampering below.
    private static string EntryAt(int position) => $"""(SELECT "EntryId" FROM "LedgerSeals" WHERE "Position" = {position})""";

    [Fact]
    public async Task Sealing_chains_every_entry_once_and_goes_on_from_the_head()
    {
        await PayThreeTimesAsync();

        var first = await App.SendAsync(new SealLedgerEntries.Command(BatchSize: 2));
        var second = await App.SendAsync(new SealLedgerEntries.Command(BatchSize: 2));
        var third = await App.SendAsync(new SealLedgerEntries.Command());
        await Kit.PayAsync(await Kit.PledgeAsync(1000, "k4"));
        await Kit.WebhooksDeliveredAsync();
        var fourth = await App.SendAsync(new SealLedgerEntries.Command());
        var result = await App.SendAsync(new CheckLedgerIntegrity.Query(PageSize: 3));

        Assert.Equal((2, 1, 0, 1), (first, second, third, fourth));
        Assert.True(result.Balanced, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(4, result.EntriesSealed);
        Assert.Matches("^[0-9a-f]{64}$", result.ChainHead);
    }

    [Fact]
    public async Task An_entry_changed_in_the_database_is_reported_at_its_position()
    {
        await PaidAndSealedAsync();
        await TamperAsync($"""UPDATE "JournalEntries" SET "Description" = "Description" || ' (edited)' WHERE "Id" = {EntryAt(2)}""");

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query());

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("Position 2: entry ", problem, StringComparison.Ordinal);
        Assert.Contains("was changed after it was sealed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manual_entrys_author_changed_or_cleared_and_an_author_set_on_a_system_entry_are_each_reported()
    {
        await PayThreeTimesAsync();
        var manual = await Kit.LedgerAsync(async ledger =>
        {
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, CancellationToken.None);
            var suspense = await ledger.PlatformAccountAsync(PlatformAccount.Suspense, Currency.Usd, CancellationToken.None);
            var posted = await ledger.PostManyAsync(
                [new EntryRequest(new EntryCause(EntryCauseType.Adjustment, "adj-1"), "Reconciliation: fee Stripe corrected", [new TransferRequest.Post(stripe.Id, suspense.Id, new Money(5, Currency.Usd))], "finance-user-1")],
                CancellationToken.None);
            return posted[0].Entry.Id;
        });
        Assert.Equal(4, await App.SendAsync(new SealLedgerEntries.Command()));
        var intact = await App.SendAsync(new CheckLedgerIntegrity.Query());

        await TamperAsync($"""UPDATE "JournalEntries" SET "ManualAuthor" = 'someone-else' WHERE "Id" = '{manual}'""");
        var changed = await App.SendAsync(new CheckLedgerIntegrity.Query());
        await TamperAsync($"""UPDATE "JournalEntries" SET "ManualAuthor" = NULL WHERE "Id" = '{manual}'""");
        var cleared = await App.SendAsync(new CheckLedgerIntegrity.Query());
        await TamperAsync($"""UPDATE "JournalEntries" SET "ManualAuthor" = 'finance-user-1' WHERE "Id" = '{manual}'""");
        await TamperAsync($"""UPDATE "JournalEntries" SET "ManualAuthor" = 'finance-user-1' WHERE "Id" = {EntryAt(1)}""");
        var forged = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.True(intact.Balanced, string.Join(Environment.NewLine, intact.Problems));
        Assert.StartsWith("Position 4: entry ", Assert.Single(changed.Problems), StringComparison.Ordinal);
        Assert.StartsWith("Position 4: entry ", Assert.Single(cleared.Problems), StringComparison.Ordinal);
        Assert.StartsWith("Position 1: entry ", Assert.Single(forged.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_hash_covers_every_column_of_entries_and_postings()
    {
        using var scope = App.Factory.Services.CreateScope();
        var model = ((DbContext)scope.ServiceProvider.GetRequiredService<IAppDbContext>()).Model;
        string[] Columns<T>() => model.FindEntityType(typeof(T))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

        // Each of these is a Field(...) of LedgerSeal.ContentHash: a column added to either table must be added there too.
        Assert.Equal(["CauseId", "CauseType", "Description", "Id", "IdempotencyKey", "ManualAuthor", "PostedAt"], Columns<JournalEntry>());
        Assert.Equal(
            ["Amount", "CreditAccountId", "CreditBalanceAfter", "CreditSlot", "CreditSlotSequence", "Currency", "DebitAccountId", "DebitBalanceAfter",
                "DebitSlot", "DebitSlotSequence", "EntryId", "Id", "Kind", "PendingTransferId", "PostedAt", "Sequence"],
            Columns<LedgerTransfer>());
    }

    [Fact]
    public async Task A_posting_row_changed_in_the_database_is_reported_at_its_entry_position()
    {
        await PaidAndSealedAsync();
        await TamperAsync($"""UPDATE "LedgerTransfers" SET "Amount" = "Amount" + 100 WHERE "EntryId" = {EntryAt(3)} AND "Sequence" = 0""");

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.Contains(result.Problems, p => p.StartsWith("Position 3: entry ", StringComparison.Ordinal) && p.Contains("was changed after it was sealed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_posting_row_deleted_in_the_database_is_reported_at_its_entry_position()
    {
        await PaidAndSealedAsync();
        await TamperAsync($"""DELETE FROM "LedgerTransfers" WHERE "EntryId" = {EntryAt(1)} AND "Sequence" = (SELECT max("Sequence") FROM "LedgerTransfers" WHERE "EntryId" = {EntryAt(1)})""");

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.Contains(result.Problems, p => p.StartsWith("Position 1: entry ", StringComparison.Ordinal) && p.Contains("was changed after it was sealed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_deleted_with_its_postings_is_reported_at_its_position()
    {
        await PaidAndSealedAsync();
        var entry = await ScalarAsync($"SELECT {EntryAt(2)}::text");

        // The payment still names the entry: as a superuser would, the foreign keys are switched off for the deletion.
        await TamperAsync($"""
            SET session_replication_role = replica;
            DELETE FROM "LedgerTransfers" WHERE "EntryId" = '{entry}';
            DELETE FROM "JournalEntries" WHERE "Id" = '{entry}';
            """);

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.Contains($"Position 2: entry {entry}", Assert.Single(result.Problems, p => p.StartsWith("Position", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p.EndsWith("was deleted.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_seal_changed_or_deleted_breaks_the_chain_where_it_was()
    {
        await PaidAndSealedAsync();
        await TamperAsync("""UPDATE "LedgerSeals" SET "Hash" = repeat('a', 64) WHERE "Position" = 1""");
        await TamperAsync("""DELETE FROM "LedgerSeals" WHERE "Position" = 2""");

        var result = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.Equal(
            ["Position 1: the seal of entry", "Seal positions 2 to 2 are missing: seals were deleted."],
            result.Problems.Select(p => p.StartsWith("Position 1", StringComparison.Ordinal) ? p[..29] : p).ToArray());
    }

    [Fact]
    public async Task An_old_entry_without_a_seal_is_reported_and_a_fresh_one_is_not()
    {
        await PayThreeTimesAsync();
        await App.SendAsync(new SealLedgerEntries.Command(BatchSize: 2));

        var fresh = await App.SendAsync(new CheckLedgerIntegrity.Query());
        await TamperAsync("""UPDATE "JournalEntries" SET "PostedAt" = "PostedAt" - interval '2 days' WHERE "Id" NOT IN (SELECT "EntryId" FROM "LedgerSeals")""");
        var old = await App.SendAsync(new CheckLedgerIntegrity.Query());

        Assert.True(fresh.Balanced, string.Join(Environment.NewLine, fresh.Problems));
        Assert.Contains(old.Problems, p => p.StartsWith("Entry ", StringComparison.Ordinal) && p.Contains("has no seal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_answers_ok_for_intact_books_and_lists_the_problems_otherwise()
    {
        await PaidAndSealedAsync();
        var finance = await Accounts.SignedInStaffAsync(App, "finance@example.test", Roles.Finance);
        var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);

        var intact = JsonDocument.Parse(await finance.GetStringAsync("/api/v1/finance/integrity")).RootElement;
        await TamperAsync($"""UPDATE "JournalEntries" SET "CauseId" = 'pi_forged' WHERE "Id" = {EntryAt(1)}""");
        var broken = JsonDocument.Parse(await finance.GetStringAsync("/api/v1/finance/integrity")).RootElement;
        var refused = await listener.GetAsync("/api/v1/finance/integrity");

        Assert.True(intact.GetProperty("ok").GetBoolean());
        Assert.Equal(0, intact.GetProperty("problems").GetArrayLength());
        Assert.Equal(3, intact.GetProperty("entriesSealed").GetInt64());
        Assert.False(broken.GetProperty("ok").GetBoolean());
        Assert.StartsWith("Position 1: entry ", broken.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_finance_page_button_runs_the_check_and_shows_each_problem()
    {
        await PaidAndSealedAsync();
        await TamperAsync($"""UPDATE "JournalEntries" SET "Description" = 'forged' WHERE "Id" = {EntryAt(3)}""");
        var finance = await Accounts.SignedInStaffAsync(App, "finance@example.test", Roles.Finance);

        var response = await Accounts.PostFormAsync(finance, "/finance/integrity", []);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 problem(s) found", page, StringComparison.Ordinal);
        Assert.Contains("Position 3: entry ", page, StringComparison.Ordinal);
    }

    private async Task PaidAndSealedAsync()
    {
        await PayThreeTimesAsync();
        Assert.Equal(3, await App.SendAsync(new SealLedgerEntries.Command()));
    }

    /// <summary>Three payments of 1000 by the listener's route: API, checkout, webhooks.</summary>
    private async Task PayThreeTimesAsync()
    {
        await Kit.AddStationAsync();
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await Kit.PayAsync(await Kit.PledgeAsync(1000, key));
        }

        await Kit.WebhooksDeliveredAsync();
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = await App.OpenAsync();
        await using var tamper = connection.CreateCommand();
        tamper.CommandText = sql;
        Assert.NotEqual(0, await tamper.ExecuteNonQueryAsync());
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = await App.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
