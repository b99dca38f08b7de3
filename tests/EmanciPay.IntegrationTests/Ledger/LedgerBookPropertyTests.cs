using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Ledger;

/// <summary>
/// Random batches of payments, reservations, posts, voids, replays and invalid requests, posted through the real
/// <see cref="LedgerBook"/> on PostgreSQL, each batch in one transaction as a command is. After every batch the stored
/// books keep <see cref="LedgerInvariants.All"/> and match an independent model; a refused batch writes nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerBookPropertyTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly Currency Eur = Currency.Parse("EUR");

    [Property(Arbitrary = [typeof(Batches)], MaxTest = 15, EndSize = 25)]
    public async Task Any_sequence_of_batches_keeps_entries_balanced_balances_equal_to_postings_and_no_escrow_below_zero(Operation[][] batches)
    {
        await App.ResetAsync();
        var model = new LedgerModel(await OpenAccountsAsync());
        var entryIds = new Dictionary<string, Guid>();
        var keys = 0;
        foreach (var batch in batches)
        {
            var working = model.Copy();
            var planned = batch.Select(op => working.Plan(op, $"op-{keys++}")).OfType<PlannedEntry>().ToList();
            if (planned.Count == 0)
            {
                continue;
            }

            // Domain errors surface in request order; the escrow check is on what the whole batch does to each account.
            var expected = planned.Select(p => p.Error).FirstOrDefault(e => e is not null) ?? (working.AnyEscrowOverdrawn ? LedgerErrorCode.InsufficientFunds : null);
            var before = expected is null ? null : await LedgerSnapshot.ReadAsync(App);

            var (results, error) = await PostAsync(planned.Select(p => p.Request).ToList());
            var books = await LedgerSnapshot.ReadAsync(App);

            if (expected is null)
            {
                Assert.True(error is null, $"A valid batch was refused: {error?.Code} {error?.Message}");
                foreach (var (plan, result) in planned.Zip(results!))
                {
                    Assert.Equal(plan.IsReplay, result.AlreadyPosted);
                    Assert.Equal(entryIds.GetValueOrDefault(plan.Request.Cause.IdempotencyKey, result.Entry.Id), result.Entry.Id);
                    entryIds[plan.Request.Cause.IdempotencyKey] = result.Entry.Id;
                }

                model = working;
            }
            else
            {
                Assert.Equal(expected, error?.Code);
                Assert.Equal(before!.Entries.Count, books.Entries.Count);
                Assert.Equal(before.Balances, books.Balances);
            }

            LedgerInvariants.Hold(books, model);
        }
    }

    public static class Batches
    {
        public static Arbitrary<Operation[][]> Sequences() => Arb.From(
            (from size in Gen.Elements(1, 1, 1, 2, 3)
             from operations in Operation().ArrayOf(size)
             select operations).ArrayOf());

        private static Gen<Operation> Operation() =>
            from kind in Gen.Elements(Enum.GetValues<OperationKind>())
            from account in Gen.Choose(0, 3)
            from amount in Gen.Choose(-20, 5_000)
            from fee in Gen.Choose(0, 300)
            from pick in Gen.Choose(0, 1_000)
            select new Operation(kind, account, amount, fee, pick);
    }

    private async Task<(IReadOnlyList<PostedEntry>? Results, LedgerException? Error)> PostAsync(IReadOnlyList<EntryRequest> requests)
    {
        try
        {
            return (await InTransactionAsync(book => book.PostManyAsync(requests, CancellationToken.None)), null);
        }
        catch (LedgerException error)
        {
            return (null, error);
        }
    }

    private Task<IReadOnlyList<LedgerAccount>> OpenAccountsAsync() =>
        InTransactionAsync<IReadOnlyList<LedgerAccount>>(async book =>
        {
            var accounts = new List<LedgerAccount>();
            foreach (var currency in new[] { Currency.Usd, Eur })
            {
                accounts.Add(await book.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, CancellationToken.None));
                accounts.Add(await book.PlatformAccountAsync(PlatformAccount.ProcessingFees, currency, CancellationToken.None));
            }

            foreach (var currency in new[] { Currency.Usd, Currency.Usd, Currency.Usd, Eur })
            {
                accounts.Add(await book.EscrowAccountAsync(Guid.NewGuid(), currency, CancellationToken.None));
            }

            return accounts;
        });

    // As TransactionBehaviour runs a command: one transaction, committed only if nothing was refused.
    private Task<T> InTransactionAsync<T>(Func<LedgerBook, Task<T>> work) => App.WithScopeAsync(services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await work(services.GetRequiredService<LedgerBook>());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return result;
        });
    });
}
