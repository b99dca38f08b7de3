using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Ledger;

/// <summary>
/// Transfers that commit together. Each transfer moves one amount from a debit to a credit account of its own
/// currency, so an entry always sums to zero per currency. Entries are append-only: a mistake is corrected by a
/// reversing entry. Each names its cause (a payment, a refund, a payout...), whose key is unique, so a cause posts once.
/// </summary>
public sealed class JournalEntry
{
    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxDescriptionLength = 500;

    private readonly List<LedgerTransfer> transfers = [];

    private JournalEntry(Guid id, EntryCauseType causeType, string causeId, string idempotencyKey, string description, DateTimeOffset postedAt)
    {
        Id = id;
        CauseType = causeType;
        CauseId = causeId;
        IdempotencyKey = idempotencyKey;
        Description = description;
        PostedAt = postedAt;
    }

    public Guid Id { get; private set; }

    public EntryCauseType CauseType { get; private set; }

    /// <summary>The id of what caused the entry: a PaymentIntent, a refund, our payout...</summary>
    public string CauseId { get; private set; }

    /// <summary>Made from the cause (<see cref="EntryCause.IdempotencyKey"/>); unique.</summary>
    public string IdempotencyKey { get; private set; }

    public string Description { get; private set; }

    public DateTimeOffset PostedAt { get; private set; }

    public IReadOnlyList<LedgerTransfer> Transfers => transfers;

    /// <summary>The finance user who entered it by hand (a reconciliation adjustment); null for entries the system posts.</summary>
    public string? ManualAuthor { get; private set; }

    public bool IsManual => ManualAuthor is not null;

    /// <summary>
    /// Validates the requests against the ledger's state and builds the entry, or throws <see cref="LedgerException"/>.
    /// Whether escrow would be overdrawn depends on balances, which the caller checks with <see cref="BalanceChanges"/>.
    /// </summary>
    public static JournalEntry Create(
        EntryCause cause,
        string description,
        DateTimeOffset postedAt,
        IReadOnlyList<TransferRequest> requests,
        Func<Guid, LedgerAccount?> findAccount,
        Func<Guid, ReservationState?> findReservation)
    {
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(requests);
        if (string.IsNullOrWhiteSpace(cause.Id) || (cause.Step is { } step && string.IsNullOrWhiteSpace(step)) || cause.IdempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            throw new LedgerException(LedgerErrorCode.InvalidIdempotencyKey, $"An entry needs a cause id (and step, if any) making a key of at most {MaxIdempotencyKeyLength} characters.");
        }

        if (requests.Count == 0)
        {
            throw new LedgerException(LedgerErrorCode.EmptyEntry, "An entry needs at least one transfer.");
        }

        var entry = new JournalEntry(Guid.CreateVersion7(postedAt), cause.Type, cause.Id, cause.IdempotencyKey, description, postedAt);
        var resolvedHere = new HashSet<Guid>();
        var reservedHere = new Dictionary<Guid, LedgerTransfer>();
        foreach (var request in requests)
        {
            var sequence = entry.transfers.Count;
            var transfer = request switch
            {
                TransferRequest.Post post => entry.Move(sequence, TransferKind.Posted, Guid.CreateVersion7(postedAt), post.DebitAccountId, post.CreditAccountId, post.Amount, findAccount),
                TransferRequest.Reserve reserve => entry.Move(sequence, TransferKind.Pending, reserve.TransferId, reserve.DebitAccountId, reserve.CreditAccountId, reserve.Amount, findAccount),
                TransferRequest.PostReserved post => entry.Resolve(sequence, post.PendingTransferId, post.Amount, TransferKind.PostPending, postedAt, findReservation, reservedHere, resolvedHere),
                TransferRequest.VoidReserved @void => entry.Resolve(sequence, @void.PendingTransferId, null, TransferKind.VoidPending, postedAt, findReservation, reservedHere, resolvedHere),
                _ => throw new ArgumentOutOfRangeException(nameof(requests)),
            };
            if (transfer.Kind == TransferKind.Pending)
            {
                if (findReservation(transfer.Id) is not null || !reservedHere.TryAdd(transfer.Id, transfer))
                {
                    throw new LedgerException(LedgerErrorCode.DuplicateReservation, $"Reservation {transfer.Id} already exists.");
                }
            }

            entry.transfers.Add(transfer);
        }

        return entry;
    }

    /// <summary>Marks an entry being built as entered by hand, with its author; before it is posted, never after.</summary>
    public void MarkManual(string author)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        ManualAuthor ??= author;
    }

    /// <summary>
    /// The change to each account's balance, ordered by account id so that writers lock accounts in one fixed order.
    /// <paramref name="reservedAmount"/> gives the full amount of a reservation made by an earlier entry: posting
    /// part of a reservation releases all of it from pending.
    /// </summary>
    public IReadOnlyList<BalanceChange> BalanceChanges(Func<Guid, long> reservedAmount)
    {
        ArgumentNullException.ThrowIfNull(reservedAmount);
        var changes = new Dictionary<Guid, (long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)>();
        void Add(Guid account, long debitsPosted, long creditsPosted, long debitsPending, long creditsPending)
        {
            var c = changes.GetValueOrDefault(account);
            changes[account] = (c.DebitsPosted + debitsPosted, c.CreditsPosted + creditsPosted, c.DebitsPending + debitsPending, c.CreditsPending + creditsPending);
        }

        var reserved = transfers.Where(t => t.Kind == TransferKind.Pending).ToDictionary(t => t.Id, t => t.Amount);
        foreach (var t in transfers)
        {
            switch (t.Kind)
            {
                case TransferKind.Posted:
                    Add(t.DebitAccountId, t.Amount, 0, 0, 0);
                    Add(t.CreditAccountId, 0, t.Amount, 0, 0);
                    break;
                case TransferKind.Pending:
                    Add(t.DebitAccountId, 0, 0, t.Amount, 0);
                    Add(t.CreditAccountId, 0, 0, 0, t.Amount);
                    break;
                case TransferKind.PostPending:
                    var held = ReservedAmount(t);
                    Add(t.DebitAccountId, t.Amount, 0, -held, 0);
                    Add(t.CreditAccountId, 0, t.Amount, 0, -held);
                    break;
                case TransferKind.VoidPending:
                    Add(t.DebitAccountId, 0, 0, -t.Amount, 0);
                    Add(t.CreditAccountId, 0, 0, 0, -t.Amount);
                    break;
            }
        }

        return changes
            .OrderBy(c => c.Key)
            .Select(c => new BalanceChange(c.Key, c.Value.DebitsPosted, c.Value.CreditsPosted, c.Value.DebitsPending, c.Value.CreditsPending))
            .ToArray();

        long ReservedAmount(LedgerTransfer post) => reserved.TryGetValue(post.PendingTransferId!.Value, out var amount) ? amount : reservedAmount(post.PendingTransferId.Value);
    }

    private LedgerTransfer Move(int sequence, TransferKind kind, Guid transferId, Guid debitAccountId, Guid creditAccountId, Money amount, Func<Guid, LedgerAccount?> findAccount)
    {
        if (amount.Amount <= 0)
        {
            throw new LedgerException(LedgerErrorCode.NonPositiveAmount, $"Transfer {sequence}: amount must be positive, was {amount.Amount}.");
        }

        if (debitAccountId == creditAccountId)
        {
            throw new LedgerException(LedgerErrorCode.SameAccount, $"Transfer {sequence}: debit and credit account are the same.");
        }

        var debit = findAccount(debitAccountId) ?? throw new LedgerException(LedgerErrorCode.UnknownAccount, $"Transfer {sequence}: unknown debit account {debitAccountId}.");
        var credit = findAccount(creditAccountId) ?? throw new LedgerException(LedgerErrorCode.UnknownAccount, $"Transfer {sequence}: unknown credit account {creditAccountId}.");
        if (debit.Currency != amount.Currency || credit.Currency != amount.Currency)
        {
            throw new LedgerException(LedgerErrorCode.CurrencyMismatch, $"Transfer {sequence}: {amount.Currency} between a {debit.Currency} and a {credit.Currency} account.");
        }

        return new LedgerTransfer(transferId, Id, PostedAt, sequence, kind, debitAccountId, creditAccountId, amount, pendingTransferId: null);
    }

    private LedgerTransfer Resolve(
        int sequence,
        Guid pendingTransferId,
        long? amount,
        TransferKind kind,
        DateTimeOffset postedAt,
        Func<Guid, ReservationState?> findReservation,
        Dictionary<Guid, LedgerTransfer> reservedHere,
        HashSet<Guid> resolvedHere)
    {
        var pending = reservedHere.GetValueOrDefault(pendingTransferId);
        if (pending is null)
        {
            var state = findReservation(pendingTransferId) ?? throw new LedgerException(LedgerErrorCode.UnknownReservation, $"Transfer {sequence}: unknown reservation {pendingTransferId}.");
            if (state.IsResolved)
            {
                throw new LedgerException(LedgerErrorCode.ReservationAlreadyResolved, $"Transfer {sequence}: reservation {pendingTransferId} was already posted or voided.");
            }

            pending = state.Pending;
        }

        if (!resolvedHere.Add(pendingTransferId))
        {
            throw new LedgerException(LedgerErrorCode.ReservationAlreadyResolved, $"Transfer {sequence}: reservation {pendingTransferId} is resolved twice in one entry.");
        }

        var posted = amount ?? pending.Amount;
        if (posted <= 0)
        {
            throw new LedgerException(LedgerErrorCode.NonPositiveAmount, $"Transfer {sequence}: amount must be positive, was {posted}.");
        }

        if (posted > pending.Amount)
        {
            throw new LedgerException(LedgerErrorCode.PostExceedsReservation, $"Transfer {sequence}: cannot post {posted} of a reservation of {pending.Amount}.");
        }

        return new LedgerTransfer(Guid.CreateVersion7(postedAt), Id, PostedAt, sequence, kind, pending.DebitAccountId, pending.CreditAccountId, new Money(posted, pending.Currency), pendingTransferId);
    }
}
