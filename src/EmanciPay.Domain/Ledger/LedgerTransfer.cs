using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Ledger;

public enum TransferKind
{
    /// <summary>Moves money at once.</summary>
    Posted,

    /// <summary>Reserves money (two-phase, first phase): counted against what the debit account has available.</summary>
    Pending,

    /// <summary>Completes a reservation, for all of it or part; any rest returns to available.</summary>
    PostPending,

    /// <summary>Cancels a reservation; all of it returns to available.</summary>
    VoidPending,
}

/// <summary>One posting: an amount moved from a debit account to a credit account of the same currency. Never changed once written.</summary>
public sealed class LedgerTransfer
{
    internal LedgerTransfer(Guid id, Guid entryId, int sequence, TransferKind kind, Guid debitAccountId, Guid creditAccountId, Money amount, Guid? pendingTransferId)
    {
        Id = id;
        EntryId = entryId;
        Sequence = sequence;
        Kind = kind;
        DebitAccountId = debitAccountId;
        CreditAccountId = creditAccountId;
        Amount = amount.Amount;
        Currency = amount.Currency;
        PendingTransferId = pendingTransferId;
    }

    private LedgerTransfer()
    {
    }

    public Guid Id { get; private set; }

    public Guid EntryId { get; private set; }

    public int Sequence { get; private set; }

    public TransferKind Kind { get; private set; }

    public Guid DebitAccountId { get; private set; }

    public Guid CreditAccountId { get; private set; }

    /// <summary>For <see cref="TransferKind.PostPending"/> the amount posted; for <see cref="TransferKind.VoidPending"/> the amount released.</summary>
    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The reservation this transfer posts or voids; unique, so a reservation resolves at most once.</summary>
    public Guid? PendingTransferId { get; private set; }

    public Money Money => new(Amount, Currency);
}

/// <summary>What a caller asks the ledger to do; <see cref="JournalEntry.Create"/> checks it against the ledger's state.</summary>
public abstract record TransferRequest
{
    private TransferRequest()
    {
    }

    public sealed record Post(Guid DebitAccountId, Guid CreditAccountId, Money Amount) : TransferRequest;

    /// <param name="TransferId">The reservation's id, chosen by the caller so it can post or void it later.</param>
    public sealed record Reserve(Guid TransferId, Guid DebitAccountId, Guid CreditAccountId, Money Amount) : TransferRequest;

    /// <param name="Amount">How much of the reservation to post; null posts all of it.</param>
    public sealed record PostReserved(Guid PendingTransferId, long? Amount = null) : TransferRequest;

    public sealed record VoidReserved(Guid PendingTransferId) : TransferRequest;
}

/// <summary>A reservation as the ledger knows it: its pending transfer and whether it has been posted or voided.</summary>
public sealed record ReservationState(LedgerTransfer Pending, bool IsResolved);
