using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Tests.Ledger;

public sealed class LedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Currency Eur = Currency.Parse("EUR");

    private readonly Domain.Ledger.Ledger ledger = new();
    private readonly LedgerAccount stripe;
    private readonly LedgerAccount fees;
    private readonly LedgerAccount escrow;
    private readonly LedgerAccount euroEscrow;

    public LedgerTests()
    {
        stripe = ledger.Open(LedgerAccount.OpenPlatform(PlatformAccount.StripeBalance, Currency.Usd, Now));
        fees = ledger.Open(LedgerAccount.OpenPlatform(PlatformAccount.ProcessingFees, Currency.Usd, Now));
        escrow = ledger.Open(LedgerAccount.OpenEscrow(Guid.NewGuid(), Currency.Usd, Now));
        euroEscrow = ledger.Open(LedgerAccount.OpenEscrow(Guid.NewGuid(), Eur, Now));
    }

    [Fact]
    public void A_payment_of_1000_with_a_59_cent_fee_leaves_941_in_escrow()
    {
        Pay("evt_1", 1000, 59);

        Assert.Equal(941, ledger.BalanceOf(escrow.Id).AvailableCredit);
        Assert.Equal(new AccountBalance(1000, 59, 0, 0), ledger.BalanceOf(stripe.Id));
        Assert.Equal(new AccountBalance(59, 59, 0, 0), ledger.BalanceOf(fees.Id));
        Assert.Equal(0, ledger.TrialBalance()[Currency.Usd]);
    }

    [Fact]
    public void Posting_the_same_idempotency_key_twice_records_once_and_returns_the_first_entry()
    {
        var first = Pay("evt_1", 1000, 59);
        var second = Pay("evt_1", 1000, 59);

        Assert.Same(first, second);
        Assert.Single(ledger.Entries);
        Assert.Equal(941, ledger.BalanceOf(escrow.Id).AvailableCredit);
    }

    [Fact]
    public void A_reservation_holds_money_until_posted_and_a_partial_post_releases_the_rest()
    {
        Pay("evt_1", 1000, 0);
        var reservation = Guid.NewGuid();
        ledger.Post("payout_1:reserve", "payout", Now, [new TransferRequest.Reserve(reservation, escrow.Id, stripe.Id, new Money(600, Currency.Usd))]);
        Assert.Equal(400, ledger.BalanceOf(escrow.Id).AvailableCredit);

        ledger.Post("payout_1:post", "payout", Now, [new TransferRequest.PostReserved(reservation, 450)]);

        Assert.Equal(new AccountBalance(450, 1000, 0, 0), ledger.BalanceOf(escrow.Id));
        Assert.Equal(550, ledger.BalanceOf(escrow.Id).AvailableCredit);
    }

    [Fact]
    public void A_voided_reservation_returns_everything_to_available()
    {
        Pay("evt_1", 1000, 0);
        var reservation = Guid.NewGuid();
        ledger.Post("payout_1:reserve", "payout", Now, [new TransferRequest.Reserve(reservation, escrow.Id, stripe.Id, new Money(1000, Currency.Usd))]);

        ledger.Post("payout_1:void", "payout failed", Now, [new TransferRequest.VoidReserved(reservation)]);

        Assert.Equal(new AccountBalance(0, 1000, 0, 0), ledger.BalanceOf(escrow.Id));
    }

    public static TheoryData<string, LedgerErrorCode> InvalidOperations => new()
    {
        { "mixed currencies", LedgerErrorCode.CurrencyMismatch },
        { "zero amount", LedgerErrorCode.NonPositiveAmount },
        { "negative amount", LedgerErrorCode.NonPositiveAmount },
        { "overdrawn escrow", LedgerErrorCode.InsufficientFunds },
        { "reservation posted twice", LedgerErrorCode.ReservationAlreadyResolved },
        { "reservation voided after posting", LedgerErrorCode.ReservationAlreadyResolved },
        { "reservation posted beyond its amount", LedgerErrorCode.PostExceedsReservation },
        { "unknown account", LedgerErrorCode.UnknownAccount },
        { "unknown reservation", LedgerErrorCode.UnknownReservation },
        { "same account", LedgerErrorCode.SameAccount },
        { "no transfers", LedgerErrorCode.EmptyEntry },
        { "blank key", LedgerErrorCode.InvalidIdempotencyKey },
    };

    [Theory]
    [MemberData(nameof(InvalidOperations))]
    public void Invalid_operations_are_rejected_with_a_specific_error_and_change_nothing(string operation, LedgerErrorCode expected)
    {
        Pay("evt_1", 1000, 59);
        var reservation = Guid.NewGuid();
        ledger.Post("payout_1:reserve", "payout", Now, [new TransferRequest.Reserve(reservation, escrow.Id, stripe.Id, new Money(500, Currency.Usd))]);
        ledger.Post("payout_1:post", "payout", Now, [new TransferRequest.PostReserved(reservation)]);
        var open = Guid.NewGuid();
        ledger.Post("payout_2:reserve", "payout", Now, [new TransferRequest.Reserve(open, escrow.Id, stripe.Id, new Money(100, Currency.Usd))]);
        var before = Snapshot();

        IReadOnlyList<TransferRequest> transfers = operation switch
        {
            "mixed currencies" => [new TransferRequest.Post(stripe.Id, euroEscrow.Id, new Money(100, Currency.Usd))],
            "zero amount" => [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(0, Currency.Usd))],
            "negative amount" => [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(-5, Currency.Usd))],
            "overdrawn escrow" => [new TransferRequest.Post(escrow.Id, stripe.Id, new Money(342, Currency.Usd))],
            "reservation posted twice" => [new TransferRequest.PostReserved(reservation)],
            "reservation voided after posting" => [new TransferRequest.VoidReserved(reservation)],
            "reservation posted beyond its amount" => [new TransferRequest.PostReserved(open, 101)],
            "unknown account" => [new TransferRequest.Post(stripe.Id, Guid.NewGuid(), new Money(1, Currency.Usd))],
            "unknown reservation" => [new TransferRequest.VoidReserved(Guid.NewGuid())],
            "same account" => [new TransferRequest.Post(stripe.Id, stripe.Id, new Money(1, Currency.Usd))],
            "no transfers" => [],
            "blank key" => [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(1, Currency.Usd))],
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        var error = Assert.Throws<LedgerException>(() => ledger.Post(operation == "blank key" ? " " : "bad", operation, Now, transfers));

        Assert.Equal(expected, error.Code);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void An_entry_that_pays_into_escrow_and_out_again_is_checked_on_its_net_effect()
    {
        ledger.Post("evt_1", "in and out", Now,
        [
            new TransferRequest.Post(stripe.Id, escrow.Id, new Money(300, Currency.Usd)),
            new TransferRequest.Post(escrow.Id, stripe.Id, new Money(300, Currency.Usd)),
        ]);

        Assert.Equal(0, ledger.BalanceOf(escrow.Id).AvailableCredit);
    }

    [Fact]
    public void Balance_changes_are_ordered_by_account_id_so_writers_lock_in_one_order()
    {
        var entry = Pay("evt_1", 1000, 59);

        var ids = entry.BalanceChanges(_ => 0).Select(c => c.AccountId).ToList();

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(3, ids.Count);
    }

    // The gross pledge goes to escrow; Stripe keeps its fee; the fee is passed on to the station's escrow.
    private JournalEntry Pay(string key, long amount, long fee)
    {
        List<TransferRequest> transfers = [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(amount, Currency.Usd))];
        if (fee > 0)
        {
            transfers.Add(new TransferRequest.Post(fees.Id, stripe.Id, new Money(fee, Currency.Usd)));
            transfers.Add(new TransferRequest.Post(escrow.Id, fees.Id, new Money(fee, Currency.Usd)));
        }

        return ledger.Post(key, "payment", Now, transfers);
    }

    private string Snapshot() =>
        string.Join(";", ledger.Accounts.Select(a => $"{a.Code}/{a.Currency}={ledger.BalanceOf(a.Id)}")) + $"|{ledger.Entries.Count}";
}
