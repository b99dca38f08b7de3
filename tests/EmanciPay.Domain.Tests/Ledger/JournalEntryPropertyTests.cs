using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static EmanciPay.Domain.Ledger.TransferRequest;

namespace EmanciPay.Domain.Tests.Ledger;

/// <summary>
/// Random sequences of payments, reservations, posts, voids and invalid requests, built into entries by
/// <see cref="JournalEntry.Create"/> and applied by their <see cref="JournalEntry.BalanceChanges"/> the way the
/// database book applies them. An independent model, which knows only what each operation means for each account,
/// predicts every balance and every refusal.
/// </summary>
public sealed class JournalEntryPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Currency Eur = Currency.Parse("EUR");

    public enum OperationKind
    {
        Pay,
        Reserve,
        PostReservation,
        VoidReservation,
        ReserveAndPost,
        Withdraw,
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
    public void Any_sequence_of_operations_gives_the_balances_the_model_predicts_balanced_and_no_escrow_below_zero(Operation[] operations)
    {
        var books = new Books();
        foreach (var operation in operations)
        {
            books.Apply(operation);
            books.AssertInvariants();
        }
    }

    /// <summary>What each account should hold: four plain sums, changed by what each operation means.</summary>
    private sealed record Expected(long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
    {
        public long Available => CreditsPosted - DebitsPosted - DebitsPending;
    }

    private sealed record Reservation(Guid Id, LedgerAccount Debit, LedgerAccount Credit, long Amount);

    private sealed class Books
    {
        private readonly Dictionary<Guid, LedgerAccount> accounts = [];
        private readonly Dictionary<Currency, LedgerAccount> stripe = [];
        private readonly Dictionary<Currency, LedgerAccount> fees = [];
        private readonly List<LedgerAccount> escrows = [];
        private readonly List<JournalEntry> entries = [];

        // The system under test: the domain's entries, reservations and balances as the database book keeps them.
        private readonly Dictionary<Guid, ReservationState> reservations = [];
        private readonly Dictionary<Guid, AccountBalance> balances = [];

        // The model.
        private readonly Dictionary<Guid, Expected> expected = [];
        private readonly List<Reservation> open = [];
        private readonly List<Reservation> resolved = [];
        private int keys;

        public Books()
        {
            foreach (var currency in new[] { Currency.Usd, Eur })
            {
                stripe[currency] = Open(LedgerAccount.OpenPlatform(PlatformAccount.StripeBalance, currency, Now));
                fees[currency] = Open(LedgerAccount.OpenPlatform(PlatformAccount.ProcessingFees, currency, Now));
            }

            foreach (var currency in new[] { Currency.Usd, Currency.Usd, Currency.Usd, Eur })
            {
                escrows.Add(Open(LedgerAccount.OpenEscrow(Guid.NewGuid(), currency, Now)));
            }
        }

        public void Apply(Operation op)
        {
            var escrow = escrows[op.Account];
            var currency = escrow.Currency;
            var platform = stripe[currency];
            var available = expected[escrow.Id].Available;
            switch (op.Kind)
            {
                case OperationKind.Pay when op.Amount > 0 && op.Fee < op.Amount:
                    List<TransferRequest> payment = [new Post(platform.Id, escrow.Id, Money(op.Amount, currency))];
                    if (op.Fee > 0)
                    {
                        payment.Add(new Post(fees[currency].Id, platform.Id, Money(op.Fee, currency)));
                        payment.Add(new Post(escrow.Id, fees[currency].Id, Money(op.Fee, currency)));
                    }

                    Accepted(payment);
                    Move(platform, escrow, posted: op.Amount);
                    Move(fees[currency], platform, posted: op.Fee);
                    Move(escrow, fees[currency], posted: op.Fee);
                    break;

                case OperationKind.Reserve when op.Amount > 0:
                    var reservation = new Reservation(Guid.NewGuid(), escrow, platform, op.Amount);
                    var reserve = new Reserve(reservation.Id, escrow.Id, platform.Id, Money(op.Amount, currency));
                    if (op.Amount > available)
                    {
                        Refused(LedgerErrorCode.InsufficientFunds, reserve);
                        break;
                    }

                    Accepted([reserve]);
                    Move(escrow, platform, pending: op.Amount);
                    open.Add(reservation);
                    break;

                case OperationKind.PostReservation or OperationKind.VoidReservation when open.Count > 0:
                    var chosen = open[op.Pick % open.Count];
                    if (op.Kind == OperationKind.PostReservation)
                    {
                        var part = 1 + (op.Pick % chosen.Amount);
                        Accepted([new PostReserved(chosen.Id, part)]);
                        Move(chosen.Debit, chosen.Credit, posted: part, pending: -chosen.Amount);
                    }
                    else
                    {
                        Accepted([new VoidReserved(chosen.Id)]);
                        Move(chosen.Debit, chosen.Credit, pending: -chosen.Amount);
                    }

                    open.Remove(chosen);
                    resolved.Add(chosen);
                    break;

                case OperationKind.ReserveAndPost when op.Amount > 0:
                    // A payout approved and sent at once: only the part posted ever leaves the escrow.
                    var id = Guid.NewGuid();
                    var posted = 1 + (op.Pick % op.Amount);
                    TransferRequest[] both = [new Reserve(id, escrow.Id, platform.Id, Money(op.Amount, currency)), new PostReserved(id, posted)];
                    if (posted > available)
                    {
                        Refused(LedgerErrorCode.InsufficientFunds, both);
                        break;
                    }

                    Accepted(both);
                    Move(escrow, platform, posted: posted);
                    resolved.Add(new Reservation(id, escrow, platform, op.Amount));
                    break;

                case OperationKind.Withdraw when op.Amount > 0:
                    var withdraw = new Post(escrow.Id, platform.Id, Money(op.Amount, currency));
                    if (op.Amount > available)
                    {
                        Refused(LedgerErrorCode.InsufficientFunds, withdraw);
                        break;
                    }

                    Accepted([withdraw]);
                    Move(escrow, platform, posted: op.Amount);
                    break;

                case OperationKind.Invalid:
                    Invalid(op, escrow, available);
                    break;
            }
        }

        public void AssertInvariants()
        {
            foreach (var account in accounts.Values)
            {
                var e = expected[account.Id];
                Assert.Equal(new AccountBalance(e.DebitsPosted, e.CreditsPosted, e.DebitsPending, e.CreditsPending), balances[account.Id]);
            }

            foreach (var entry in entries)
            {
                var changes = entry.BalanceChanges(id => reservations[id].Pending.Amount);
                Assert.Equal(changes.Select(c => c.AccountId).Order().Distinct(), changes.Select(c => c.AccountId));
                Assert.All(entry.Transfers, t => Assert.True(t.Amount > 0));
                foreach (var currency in changes.GroupBy(c => accounts[c.AccountId].Currency))
                {
                    Assert.Equal(0, currency.Sum(c => c.DebitsPosted - c.CreditsPosted));
                    Assert.Equal(0, currency.Sum(c => c.DebitsPending - c.CreditsPending));
                }
            }

            Assert.All(escrows, escrow => Assert.True(balances[escrow.Id].AvailableCredit >= 0, $"{escrow.Code} is overdrawn: {balances[escrow.Id]}"));
        }

        private void Invalid(Operation op, LedgerAccount escrow, long available)
        {
            var currency = escrow.Currency;
            var platform = stripe[currency];
            var other = currency == Currency.Usd ? Eur : Currency.Usd;
            var amount = 1 + op.Fee;
            switch (op.Pick % 10)
            {
                case 0:
                    Refused(LedgerErrorCode.CurrencyMismatch, new Post(stripe[other].Id, escrow.Id, Money(amount, other)));
                    break;
                case 1:
                    Refused(LedgerErrorCode.NonPositiveAmount, new Post(platform.Id, escrow.Id, Money(-op.Fee, currency)));
                    break;
                case 2:
                    Refused(LedgerErrorCode.UnknownAccount, new Post(platform.Id, Guid.NewGuid(), Money(amount, currency)));
                    break;
                case 3 when resolved.Count > 0:
                    Refused(LedgerErrorCode.ReservationAlreadyResolved, new VoidReserved(resolved[op.Pick % resolved.Count].Id));
                    break;
                case 4 when open.Count + resolved.Count > 0:
                    var taken = open.Concat(resolved).ElementAt(op.Pick % (open.Count + resolved.Count));
                    Refused(LedgerErrorCode.DuplicateReservation, new Reserve(taken.Id, escrow.Id, platform.Id, Money(1, currency)));
                    break;
                case 5 when open.Count > 0:
                    Refused(LedgerErrorCode.NonPositiveAmount, new PostReserved(open[op.Pick % open.Count].Id, 0));
                    break;
                case 6 when open.Count > 0:
                    var exceeded = open[op.Pick % open.Count];
                    Refused(LedgerErrorCode.PostExceedsReservation, new PostReserved(exceeded.Id, exceeded.Amount + amount));
                    break;
                case 7:
                    Refused(LedgerErrorCode.UnknownReservation, new PostReserved(Guid.NewGuid()));
                    break;
                case 8:
                    Refused(LedgerErrorCode.SameAccount, new Post(escrow.Id, escrow.Id, Money(amount, currency)));
                    break;
                default:
                    Refused(LedgerErrorCode.InsufficientFunds, new Post(escrow.Id, platform.Id, Money(available + amount, currency)));
                    break;
            }
        }

        private LedgerAccount Open(LedgerAccount account)
        {
            accounts.Add(account.Id, account);
            balances.Add(account.Id, default);
            expected.Add(account.Id, new Expected(0, 0, 0, 0));
            return account;
        }

        private static Money Money(long amount, Currency currency) => new(amount, currency);

        private void Move(LedgerAccount debit, LedgerAccount credit, long posted = 0, long pending = 0)
        {
            var d = expected[debit.Id];
            expected[debit.Id] = d with { DebitsPosted = d.DebitsPosted + posted, DebitsPending = d.DebitsPending + pending };
            var c = expected[credit.Id];
            expected[credit.Id] = c with { CreditsPosted = c.CreditsPosted + posted, CreditsPending = c.CreditsPending + pending };
        }

        private void Accepted(IReadOnlyList<TransferRequest> requests)
        {
            var error = Post(requests);
            Assert.True(error is null, $"Refused a valid entry: {error?.Code} {error?.Message}");
        }

        private void Refused(LedgerErrorCode code, params TransferRequest[] requests)
        {
            var before = balances.ToDictionary();
            var count = entries.Count;

            var error = Post(requests);

            Assert.Equal(code, error?.Code);
            Assert.Equal(before, balances);
            Assert.Equal(count, entries.Count);
        }

        // As the database book does: build the entry, apply its changes, and refuse it if an escrow would be overdrawn.
        private LedgerException? Post(IReadOnlyList<TransferRequest> requests)
        {
            try
            {
                var entry = JournalEntry.Create(new EntryCause(EntryCauseType.Adjustment, $"op-{keys++}"), "generated", Now, requests, accounts.GetValueOrDefault, reservations.GetValueOrDefault);
                var after = entry.BalanceChanges(id => reservations[id].Pending.Amount)
                    .ToDictionary(c => c.AccountId, c => balances[c.AccountId].Apply(c));
                var overdrawn = after.Keys.FirstOrDefault(id => accounts[id].DebitsMustNotExceedCredits && after[id].AvailableCredit < 0);
                if (overdrawn != Guid.Empty)
                {
                    throw new LedgerException(LedgerErrorCode.InsufficientFunds, $"Account {overdrawn} would be overdrawn.");
                }

                foreach (var (account, balance) in after)
                {
                    balances[account] = balance;
                }

                foreach (var transfer in entry.Transfers)
                {
                    if (transfer.Kind == TransferKind.Pending)
                    {
                        reservations[transfer.Id] = new ReservationState(transfer, IsResolved: false);
                    }
                    else if (transfer.PendingTransferId is { } id)
                    {
                        reservations[id] = reservations[id] with { IsResolved = true };
                    }
                }

                entries.Add(entry);
                return null;
            }
            catch (LedgerException error)
            {
                return error;
            }
        }
    }
}
