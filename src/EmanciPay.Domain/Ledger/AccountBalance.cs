namespace EmanciPay.Domain.Ledger;

/// <summary>Debits and credits posted and pending on one account. Posted amounts are final; pending ones are reservations.</summary>
public readonly record struct AccountBalance(long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
{
    /// <summary>What a liability (an escrow) can still pay out: credits less debits, less what is reserved.</summary>
    public long AvailableCredit => CreditsPosted - DebitsPosted - DebitsPending;

    public AccountBalance Apply(BalanceChange change) => new(
        checked(DebitsPosted + change.DebitsPosted),
        checked(CreditsPosted + change.CreditsPosted),
        checked(DebitsPending + change.DebitsPending),
        checked(CreditsPending + change.CreditsPending));

    public static AccountBalance operator +(AccountBalance left, AccountBalance right) => new(
        checked(left.DebitsPosted + right.DebitsPosted),
        checked(left.CreditsPosted + right.CreditsPosted),
        checked(left.DebitsPending + right.DebitsPending),
        checked(left.CreditsPending + right.CreditsPending));
}

/// <summary>What one journal entry does to one account's balance, summed over the entry's transfers.</summary>
public sealed record BalanceChange(Guid AccountId, long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending);

/// <summary>One counter row of an account's balance. Hot accounts have several; the balance is their sum.</summary>
public sealed class AccountBalanceSlot
{
    public AccountBalanceSlot(Guid accountId, int slot)
    {
        AccountId = accountId;
        Slot = slot;
    }

    public Guid AccountId { get; private set; }

    public int Slot { get; private set; }

    public long DebitsPosted { get; private set; }

    public long CreditsPosted { get; private set; }

    public long DebitsPending { get; private set; }

    public long CreditsPending { get; private set; }

    /// <summary>How many postings this row has had: the last one's <see cref="RunningBalance.Sequence"/>.</summary>
    public long PostingCount { get; private set; }

    public AccountBalance Balance => new(DebitsPosted, CreditsPosted, DebitsPending, CreditsPending);
}
