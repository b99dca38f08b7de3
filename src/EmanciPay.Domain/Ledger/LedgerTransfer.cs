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

/// <summary>
/// One posting: an amount moved from a debit account to a credit account of the same currency. Never changed once
/// written, except that the book records, once it holds the accounts' counter rows, where the posting left each of
/// them (<see cref="RecordBalancesAfter"/>).
/// </summary>
/// <remarks>
/// Running balances are columns of the posting rather than rows of a separate postings table: a payment then writes
/// no more rows than before, and the two account indexes become (account, time), so an account's statement is a range
/// read on each side. Each leg names the counter row (<see cref="AccountBalanceSlot"/>) it was booked on, its number on
/// that row and the row's posted balance after it. A per-recipient escrow has one row, so that is the account's own
/// running balance; a hot account (<c>stripe:balance</c>, <c>fees:processing</c>) has one chain per counter row, each
/// advanced under the lock its payments already take on that row, so no payment waits for another to number its
/// postings. Its statement adds the chains up: the opening balance is the sum of each row's last balance before the
/// period.
/// </remarks>
public sealed class LedgerTransfer
{
    internal LedgerTransfer(Guid id, Guid entryId, DateTimeOffset postedAt, int sequence, TransferKind kind, Guid debitAccountId, Guid creditAccountId, Money amount, Guid? pendingTransferId)
    {
        Id = id;
        EntryId = entryId;
        PostedAt = postedAt;
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

    /// <summary>The entry's time, kept here so that an account's postings over a period are one index range.</summary>
    public DateTimeOffset PostedAt { get; private set; }

    public int Sequence { get; private set; }

    public TransferKind Kind { get; private set; }

    public Guid DebitAccountId { get; private set; }

    public Guid CreditAccountId { get; private set; }

    /// <summary>For <see cref="TransferKind.PostPending"/> the amount posted; for <see cref="TransferKind.VoidPending"/> the amount released.</summary>
    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The reservation this transfer posts or voids; unique, so a reservation resolves at most once.</summary>
    public Guid? PendingTransferId { get; private set; }

    public int? DebitSlot { get; private set; }

    public long? DebitSlotSequence { get; private set; }

    public long? DebitBalanceAfter { get; private set; }

    public int? CreditSlot { get; private set; }

    public long? CreditSlotSequence { get; private set; }

    public long? CreditBalanceAfter { get; private set; }

    public Money Money => new(Amount, Currency);

    /// <summary>True when the transfer changes posted balances (reservations and voids change only pending ones).</summary>
    public bool MovesPostedBalances => Kind is TransferKind.Posted or TransferKind.PostPending;

    /// <summary>Where this posting left its debit account's counter row; null for a reservation or a void.</summary>
    public RunningBalance? DebitRunningBalance =>
        DebitSlot is { } slot && DebitSlotSequence is { } sequence && DebitBalanceAfter is { } balance ? new(slot, sequence, balance) : null;

    /// <summary>Where this posting left its credit account's counter row; null for a reservation or a void.</summary>
    public RunningBalance? CreditRunningBalance =>
        CreditSlot is { } slot && CreditSlotSequence is { } sequence && CreditBalanceAfter is { } balance ? new(slot, sequence, balance) : null;

    /// <summary>Records, once, where this posting left each account's counter row.</summary>
    public void RecordBalancesAfter(RunningBalance debit, RunningBalance credit)
    {
        if (!MovesPostedBalances || DebitSlotSequence is not null)
        {
            throw new InvalidOperationException($"Transfer {Id} ({Kind}) takes no running balance, or has one already.");
        }

        (DebitSlot, DebitSlotSequence, DebitBalanceAfter) = (debit.Slot, debit.Sequence, debit.BalanceAfter);
        (CreditSlot, CreditSlotSequence, CreditBalanceAfter) = (credit.Slot, credit.Sequence, credit.BalanceAfter);
    }
}

/// <summary>
/// Where a posting left one counter row of an account: the row, the posting's number on it (1, 2, 3... in the order
/// the row was locked, which is the order that counts: entries racing for a row may take it in another order than
/// their times), and the row's posted balance after it, on the account's normal side (<see cref="LedgerAccount.PostedBalance"/>).
/// </summary>
public readonly record struct RunningBalance(int Slot, long Sequence, long BalanceAfter);

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
