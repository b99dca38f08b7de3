using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmanciPay.Domain.Tests.Ledger;

/// <summary>
/// Random sequences of payments, reservations, posts, voids, replays and invalid operations, checked against an
/// independent model of what each escrow holds, and against the books' invariants after every step.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Currency Eur = Currency.Parse("EUR");

    public enum OperationKind
    {
        Pay,
        Reserve,
        PostReservation,
        VoidReservation,
        Withdraw,
        Replay,
        Invalid,
    }

    public sealed record Operation(OperationKind Kind, int Account, long Amount, long Fee, int Pick);

    public static class Operations
    {
        public static Arbitrary<Operation[]> Sequences() => Arb.From(
            (from kind in Gen.Elements(Enum.GetValues<OperationKind>())
             from account in Gen.Choose(0, 3)
             from amount in Gen.Choose(-20, 5_000)
             from fee in Gen.Choose(0, 300)
             from pick in Gen.Choose(0, 1_000)
             select new Operation(kind, account, amount, fee, pick)).ArrayOf());
    }

    [Property(Arbitrary = [typeof(Operations)], MaxTest = 300)]
    public void Any_sequence_of_operations_keeps_the_books_balanced_and_no_escrow_below_zero(Operation[] operations)
    {
        var book = new Book();
        foreach (var operation in operations)
        {
            book.Apply(operation);
            book.AssertInvariants();
        }
    }

    private sealed class Book
    {
        private readonly Domain.Ledger.Ledger ledger = new();
        private readonly Dictionary<Currency, LedgerAccount> stripe = [];
        private readonly Dictionary<Currency, LedgerAccount> fees = [];
        private readonly List<LedgerAccount> escrows = [];
        private readonly Dictionary<Guid, (long Posted, long Reserved)> expectedEscrow = [];
        private readonly List<(Guid Id, LedgerAccount Escrow, long Amount)> openReservations = [];
        private readonly List<Guid> resolvedReservations = [];
        private int keys;

        public Book()
        {
            foreach (var currency in new[] { Currency.Usd, Eur })
            {
                stripe[currency] = ledger.Open(LedgerAccount.OpenPlatform(PlatformAccount.StripeBalance, currency, Now));
                fees[currency] = ledger.Open(LedgerAccount.OpenPlatform(PlatformAccount.ProcessingFees, currency, Now));
            }

            foreach (var currency in new[] { Currency.Usd, Currency.Usd, Currency.Usd, Eur })
            {
                var escrow = ledger.Open(LedgerAccount.OpenEscrow(Guid.NewGuid(), currency, Now));
                escrows.Add(escrow);
                expectedEscrow[escrow.Id] = (0, 0);
            }
        }

        public void Apply(Operation op)
        {
            var escrow = escrows[op.Account];
            var currency = escrow.Currency;
            var (posted, reserved) = expectedEscrow[escrow.Id];
            var available = posted - reserved;
            switch (op.Kind)
            {
                case OperationKind.Pay when op.Amount > 0 && op.Fee < op.Amount:
                    List<TransferRequest> payment = [new TransferRequest.Post(stripe[currency].Id, escrow.Id, new Money(op.Amount, currency))];
                    if (op.Fee > 0)
                    {
                        payment.Add(new TransferRequest.Post(fees[currency].Id, stripe[currency].Id, new Money(op.Fee, currency)));
                        payment.Add(new TransferRequest.Post(escrow.Id, fees[currency].Id, new Money(op.Fee, currency)));
                    }

                    Post(payment);
                    expectedEscrow[escrow.Id] = (posted + op.Amount - op.Fee, reserved);
                    break;

                case OperationKind.Reserve when op.Amount > 0:
                    var id = Guid.NewGuid();
                    var reserve = new TransferRequest.Reserve(id, escrow.Id, stripe[currency].Id, new Money(op.Amount, currency));
                    if (op.Amount > available)
                    {
                        ExpectRejected(LedgerErrorCode.InsufficientFunds, reserve);
                        break;
                    }

                    Post([reserve]);
                    openReservations.Add((id, escrow, op.Amount));
                    expectedEscrow[escrow.Id] = (posted, reserved + op.Amount);
                    break;

                case OperationKind.PostReservation or OperationKind.VoidReservation when openReservations.Count > 0:
                    var (reservationId, reservedFrom, amount) = openReservations[op.Pick % openReservations.Count];
                    var (fromPosted, fromReserved) = expectedEscrow[reservedFrom.Id];
                    if (op.Kind == OperationKind.PostReservation)
                    {
                        var part = 1 + (op.Pick % amount);
                        Post([new TransferRequest.PostReserved(reservationId, part)]);
                        expectedEscrow[reservedFrom.Id] = (fromPosted - part, fromReserved - amount);
                    }
                    else
                    {
                        Post([new TransferRequest.VoidReserved(reservationId)]);
                        expectedEscrow[reservedFrom.Id] = (fromPosted, fromReserved - amount);
                    }

                    openReservations.RemoveAll(r => r.Id == reservationId);
                    resolvedReservations.Add(reservationId);
                    break;

                case OperationKind.Withdraw when op.Amount > 0:
                    var withdraw = new TransferRequest.Post(escrow.Id, stripe[currency].Id, new Money(op.Amount, currency));
                    if (op.Amount > available)
                    {
                        ExpectRejected(LedgerErrorCode.InsufficientFunds, withdraw);
                        break;
                    }

                    Post([withdraw]);
                    expectedEscrow[escrow.Id] = (posted - op.Amount, reserved);
                    break;

                case OperationKind.Replay when ledger.Entries.Count > 0:
                    var earlier = ledger.Entries[op.Pick % ledger.Entries.Count];
                    var count = ledger.Entries.Count;
                    var replayed = ledger.Post(earlier.CauseId, "replay", Now, [new TransferRequest.Post(stripe[currency].Id, escrow.Id, new Money(1, currency))]);
                    Assert.Same(earlier, replayed);
                    Assert.Equal(count, ledger.Entries.Count);
                    break;

                case OperationKind.Invalid:
                    var other = currency == Currency.Usd ? Eur : Currency.Usd;
                    switch (op.Pick % 5)
                    {
                        case 0:
                            ExpectRejected(LedgerErrorCode.CurrencyMismatch, new TransferRequest.Post(stripe[other].Id, escrow.Id, new Money(1 + op.Fee, other)));
                            break;
                        case 1:
                            ExpectRejected(LedgerErrorCode.NonPositiveAmount, new TransferRequest.Post(stripe[currency].Id, escrow.Id, new Money(-op.Fee, currency)));
                            break;
                        case 2:
                            ExpectRejected(LedgerErrorCode.UnknownAccount, new TransferRequest.Post(stripe[currency].Id, Guid.NewGuid(), new Money(1, currency)));
                            break;
                        case 3 when resolvedReservations.Count > 0:
                            ExpectRejected(LedgerErrorCode.ReservationAlreadyResolved, new TransferRequest.VoidReserved(resolvedReservations[op.Pick % resolvedReservations.Count]));
                            break;
                        default:
                            ExpectRejected(LedgerErrorCode.InsufficientFunds, new TransferRequest.Post(escrow.Id, stripe[currency].Id, new Money(available + 1, currency)));
                            break;
                    }

                    break;
            }
        }

        public void AssertInvariants()
        {
            // Every balance is the sum of the postings; every entry sums to zero.
            var reservations = ledger.Entries.SelectMany(e => e.Transfers).Where(t => t.Kind == TransferKind.Pending).ToDictionary(t => t.Id, t => t.Amount);
            var summed = new Dictionary<Guid, AccountBalance>();
            foreach (var entry in ledger.Entries)
            {
                Assert.All(entry.Transfers, t => Assert.True(t.Amount > 0));
                var changes = entry.BalanceChanges(id => reservations[id]);
                foreach (var change in changes)
                {
                    summed[change.AccountId] = summed.GetValueOrDefault(change.AccountId).Apply(change);
                }

                Assert.Equal(0, changes.Sum(c => c.DebitsPosted - c.CreditsPosted));
                Assert.Equal(0, changes.Sum(c => c.DebitsPending - c.CreditsPending));
            }

            foreach (var account in ledger.Accounts)
            {
                Assert.Equal(summed.GetValueOrDefault(account.Id), ledger.BalanceOf(account.Id));
            }

            Assert.All(ledger.TrialBalance().Values, total => Assert.Equal(0, total));
            foreach (var escrow in escrows)
            {
                var balance = ledger.BalanceOf(escrow.Id);
                var (posted, reserved) = expectedEscrow[escrow.Id];
                Assert.True(balance.AvailableCredit >= 0, $"{escrow.Code} is overdrawn: {balance}");
                Assert.Equal(posted, balance.CreditsPosted - balance.DebitsPosted);
                Assert.Equal(reserved, balance.DebitsPending);
            }
        }

        private void Post(IReadOnlyList<TransferRequest> transfers) =>
            ledger.Post($"op-{keys++}", "generated", Now, transfers);

        private void ExpectRejected(LedgerErrorCode expected, TransferRequest transfer)
        {
            var before = ledger.Accounts.Select(a => ledger.BalanceOf(a.Id)).ToList();
            var entries = ledger.Entries.Count;

            var error = Assert.Throws<LedgerException>(() => ledger.Post($"op-{keys++}", "invalid", Now, [transfer]));

            Assert.Equal(expected, error.Code);
            Assert.Equal(before, ledger.Accounts.Select(a => ledger.BalanceOf(a.Id)).ToList());
            Assert.Equal(entries, ledger.Entries.Count);
        }
    }
}
