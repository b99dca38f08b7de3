using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using static EmanciPay.Domain.Ledger.TransferRequest;

namespace EmanciPay.IntegrationTests.Ledger;

public enum OperationKind
{
    Pay,
    Reserve,
    PostReservation,
    VoidReservation,
    ReserveAndPost,
    Withdraw,
    Replay,
    Invalid,
}

/// <summary>One generated operation; <see cref="Pick"/> chooses among reservations, keys or kinds of invalid request.</summary>
public sealed record Operation(OperationKind Kind, int Account, long Amount, long Fee, int Pick);

/// <summary>An account's four sums.</summary>
public sealed record Balance(long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
{
    public static Balance Zero { get; } = new(0, 0, 0, 0);

    public long Available => CreditsPosted - DebitsPosted - DebitsPending;
}

/// <summary>An entry to post, the error the model expects for it (null when valid), and the key it replays, if any.</summary>
public sealed record PlannedEntry(EntryRequest Request, LedgerErrorCode? Error, bool IsReplay);

/// <summary>
/// What the books should hold, worked out from what each operation means for each account, with no use of the
/// ledger's own code: the oracle the persistent book is checked against.
/// </summary>
public sealed class LedgerModel
{
    private readonly Dictionary<Guid, Balance> balances;
    private readonly List<Reservation> reservations;
    private readonly List<string> keys;

    public LedgerModel(IReadOnlyList<LedgerAccount> accounts)
    {
        Accounts = accounts.ToDictionary(a => a.Id);
        Escrows = accounts.Where(a => a.DebitsMustNotExceedCredits).ToList();
        balances = accounts.ToDictionary(a => a.Id, _ => Balance.Zero);
        reservations = [];
        keys = [];
    }

    private LedgerModel(LedgerModel other)
    {
        Accounts = other.Accounts;
        Escrows = other.Escrows;
        balances = new(other.balances);
        reservations = [.. other.reservations];
        keys = [.. other.keys];
    }

    public IReadOnlyDictionary<Guid, LedgerAccount> Accounts { get; }

    public IReadOnlyList<LedgerAccount> Escrows { get; }

    public IReadOnlyDictionary<Guid, Balance> Balances => balances;

    /// <summary>The keys of the entries posted, each once.</summary>
    public IReadOnlyList<string> Keys => keys;

    public bool AnyEscrowOverdrawn => Escrows.Any(e => balances[e.Id].Available < 0);

    public LedgerModel Copy() => new(this);

    /// <summary>Plans the entry for an operation, changing this model as a valid one would; null when the operation does not apply.</summary>
    public PlannedEntry? Plan(Operation op, string key)
    {
        var escrow = Escrows[op.Account % Escrows.Count];
        var currency = escrow.Currency;
        var stripe = Platform(PlatformAccount.StripeBalance, currency);
        var fees = Platform(PlatformAccount.ProcessingFees, currency);
        var open = reservations.Where(r => !r.Resolved).ToList();
        switch (op.Kind)
        {
            case OperationKind.Pay when op.Amount > 0 && op.Fee < op.Amount:
                List<TransferRequest> payment = [new Post(stripe.Id, escrow.Id, new Money(op.Amount, currency))];
                Move(stripe, escrow, posted: op.Amount);
                if (op.Fee > 0)
                {
                    payment.Add(new Post(fees.Id, stripe.Id, new Money(op.Fee, currency)));
                    payment.Add(new Post(escrow.Id, fees.Id, new Money(op.Fee, currency)));
                    Move(fees, stripe, posted: op.Fee);
                    Move(escrow, fees, posted: op.Fee);
                }

                return Valid(key, payment);

            case OperationKind.Reserve when op.Amount > 0:
                var reserved = new Reservation(Guid.NewGuid(), escrow, stripe, op.Amount, Resolved: false);
                reservations.Add(reserved);
                Move(escrow, stripe, pending: op.Amount);
                return Valid(key, [new Reserve(reserved.Id, escrow.Id, stripe.Id, new Money(op.Amount, currency))]);

            case OperationKind.PostReservation or OperationKind.VoidReservation when open.Count > 0:
                var chosen = open[op.Pick % open.Count];
                reservations[reservations.IndexOf(chosen)] = chosen with { Resolved = true };
                if (op.Kind == OperationKind.VoidReservation)
                {
                    Move(chosen.Debit, chosen.Credit, pending: -chosen.Amount);
                    return Valid(key, [new VoidReserved(chosen.Id)]);
                }

                var part = 1 + (op.Pick % chosen.Amount);
                Move(chosen.Debit, chosen.Credit, posted: part, pending: -chosen.Amount);
                return Valid(key, [new PostReserved(chosen.Id, part)]);

            case OperationKind.ReserveAndPost when op.Amount > 0:
                // A payout approved and sent in one entry: only the part posted ever leaves the escrow.
                var both = new Reservation(Guid.NewGuid(), escrow, stripe, op.Amount, Resolved: true);
                var sent = 1 + (op.Pick % op.Amount);
                reservations.Add(both);
                Move(escrow, stripe, posted: sent);
                return Valid(key, [new Reserve(both.Id, escrow.Id, stripe.Id, new Money(op.Amount, currency)), new PostReserved(both.Id, sent)]);

            case OperationKind.Withdraw when op.Amount > 0:
                Move(escrow, stripe, posted: op.Amount);
                return Valid(key, [new Post(escrow.Id, stripe.Id, new Money(op.Amount, currency))]);

            case OperationKind.Replay when keys.Count > 0:
                // A cause seen again, even with other transfers, posts nothing more.
                return new PlannedEntry(new EntryRequest(Cause(keys[op.Pick % keys.Count]), "replay", [new Post(stripe.Id, escrow.Id, new Money(1, currency))]), null, IsReplay: true);

            case OperationKind.Invalid:
                var (error, transfers) = Invalid(op, escrow, stripe);
                return new PlannedEntry(new EntryRequest(Cause(key), "invalid", transfers), error, IsReplay: false);

            default:
                return null;
        }
    }

    private (LedgerErrorCode, TransferRequest[]) Invalid(Operation op, LedgerAccount escrow, LedgerAccount stripe)
    {
        var currency = escrow.Currency;
        var other = Accounts.Values.First(a => a.Currency != currency && a.Code == stripe.Code);
        var amount = new Money(1 + op.Fee, currency);
        var open = reservations.Where(r => !r.Resolved).ToList();
        var resolved = reservations.Where(r => r.Resolved).ToList();
        return (op.Pick % 9) switch
        {
            0 => (LedgerErrorCode.CurrencyMismatch, [new Post(other.Id, escrow.Id, new Money(1 + op.Fee, other.Currency))]),
            1 => (LedgerErrorCode.NonPositiveAmount, [new Post(stripe.Id, escrow.Id, new Money(-op.Fee, currency))]),
            2 => (LedgerErrorCode.UnknownAccount, [new Post(stripe.Id, Guid.NewGuid(), amount)]),
            3 when resolved.Count > 0 => (LedgerErrorCode.ReservationAlreadyResolved, [new VoidReserved(resolved[op.Pick % resolved.Count].Id)]),
            4 when reservations.Count > 0 => (LedgerErrorCode.DuplicateReservation, [new Reserve(reservations[op.Pick % reservations.Count].Id, escrow.Id, stripe.Id, amount)]),
            5 when open.Count > 0 => (LedgerErrorCode.NonPositiveAmount, [new PostReserved(open[op.Pick % open.Count].Id, 0)]),
            6 when open.Count > 0 => (LedgerErrorCode.PostExceedsReservation, [new PostReserved(open[op.Pick % open.Count].Id, open[op.Pick % open.Count].Amount + amount.Amount)]),
            7 => (LedgerErrorCode.SameAccount, [new Post(escrow.Id, escrow.Id, amount)]),
            _ => (LedgerErrorCode.UnknownReservation, [new PostReserved(Guid.NewGuid())]),
        };
    }

    private static EntryCause Cause(string id) => new(EntryCauseType.Adjustment, id);

    private PlannedEntry Valid(string key, IReadOnlyList<TransferRequest> transfers)
    {
        keys.Add(key);
        return new PlannedEntry(new EntryRequest(Cause(key), "generated", transfers), null, IsReplay: false);
    }

    private LedgerAccount Platform(PlatformAccount platform, Currency currency) =>
        Accounts.Values.Single(a => a.Code == LedgerAccount.PlatformCode(platform) && a.Currency == currency);

    private void Move(LedgerAccount debit, LedgerAccount credit, long posted = 0, long pending = 0)
    {
        var d = balances[debit.Id];
        balances[debit.Id] = d with { DebitsPosted = d.DebitsPosted + posted, DebitsPending = d.DebitsPending + pending };
        var c = balances[credit.Id];
        balances[credit.Id] = c with { CreditsPosted = c.CreditsPosted + posted, CreditsPending = c.CreditsPending + pending };
    }

    private sealed record Reservation(Guid Id, LedgerAccount Debit, LedgerAccount Credit, long Amount, bool Resolved);
}
