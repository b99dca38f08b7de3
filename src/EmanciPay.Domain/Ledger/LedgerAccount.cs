using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Ledger;

public enum AccountType
{
    Asset,
    Liability,
    Expense,
    Revenue,
}

/// <summary>The platform's own accounts, one of each per currency (DESIGN.md, chart of accounts).</summary>
public enum PlatformAccount
{
    StripeBalance,
    ProcessingFees,
    PlatformFees,
    Suspense,

    /// <summary>The platform's bank account, where Stripe pays its balance out (money in transit counts as there).</summary>
    Bank,
}

public sealed class LedgerAccount
{
    /// <summary>Accounts touched by every payment keep their balance over several counter rows, so pledges do not queue on one row.</summary>
    public const int HotAccountBalanceSlots = 8;

    private LedgerAccount(Guid id, string code, AccountType type, Currency currency, bool debitsMustNotExceedCredits, int balanceSlots, DateTimeOffset openedAt)
    {
        Id = id;
        Code = code;
        Type = type;
        Currency = currency;
        DebitsMustNotExceedCredits = debitsMustNotExceedCredits;
        BalanceSlots = balanceSlots;
        OpenedAt = openedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>"stripe:balance", "fees:processing", "escrow:&lt;recipient id&gt;"...; unique together with the currency.</summary>
    public string Code { get; private set; }

    public AccountType Type { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>Set on escrow liabilities: money can only leave what is held (debits &lt;= credits, counting reservations).</summary>
    public bool DebitsMustNotExceedCredits { get; private set; }

    public int BalanceSlots { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>
    /// A posted balance on the account's normal side: debits less credits for assets and expenses, credits less debits
    /// for liabilities and revenue, so that what an escrow holds reads positive.
    /// </summary>
    public long PostedBalance(long debitsPosted, long creditsPosted) =>
        Type is AccountType.Asset or AccountType.Expense ? checked(debitsPosted - creditsPosted) : checked(creditsPosted - debitsPosted);

    public static string EscrowCode(Guid recipientId) => $"escrow:{recipientId:N}";

    public static string PlatformCode(PlatformAccount account) => account switch
    {
        PlatformAccount.StripeBalance => "stripe:balance",
        PlatformAccount.ProcessingFees => "fees:processing",
        PlatformAccount.PlatformFees => "fees:platform",
        PlatformAccount.Suspense => "suspense",
        PlatformAccount.Bank => "bank",
        _ => throw new ArgumentOutOfRangeException(nameof(account), account, null),
    };

    public static bool TryParsePlatformCode(string code, out PlatformAccount account)
    {
        foreach (var candidate in Enum.GetValues<PlatformAccount>())
        {
            if (PlatformCode(candidate) == code)
            {
                account = candidate;
                return true;
            }
        }

        account = default;
        return false;
    }

    public static LedgerAccount OpenEscrow(Guid recipientId, Currency currency, DateTimeOffset openedAt) =>
        new(Guid.CreateVersion7(openedAt), EscrowCode(recipientId), AccountType.Liability, currency, debitsMustNotExceedCredits: true, balanceSlots: 1, openedAt);

    public static LedgerAccount OpenPlatform(PlatformAccount account, Currency currency, DateTimeOffset openedAt)
    {
        var (type, slots) = account switch
        {
            PlatformAccount.StripeBalance => (AccountType.Asset, HotAccountBalanceSlots),
            PlatformAccount.ProcessingFees => (AccountType.Expense, HotAccountBalanceSlots),
            PlatformAccount.PlatformFees => (AccountType.Revenue, 1),
            PlatformAccount.Suspense => (AccountType.Liability, 1),
            PlatformAccount.Bank => (AccountType.Asset, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(account), account, null),
        };
        return new LedgerAccount(Guid.CreateVersion7(openedAt), PlatformCode(account), type, currency, debitsMustNotExceedCredits: false, slots, openedAt);
    }
}
