using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using static EmanciPay.Domain.Ledger.TransferRequest;

namespace EmanciPay.Domain.Tests.Ledger;

/// <summary>Building and checking one entry against the state of the books it is given.</summary>
public sealed class JournalEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Currency Eur = Currency.Parse("EUR");

    private readonly LedgerAccount stripe = LedgerAccount.OpenPlatform(PlatformAccount.StripeBalance, Currency.Usd, Now);
    private readonly LedgerAccount fees = LedgerAccount.OpenPlatform(PlatformAccount.ProcessingFees, Currency.Usd, Now);
    private readonly LedgerAccount escrow = LedgerAccount.OpenEscrow(Guid.NewGuid(), Currency.Usd, Now);
    private readonly LedgerAccount euroEscrow = LedgerAccount.OpenEscrow(Guid.NewGuid(), Eur, Now);
    private readonly Dictionary<Guid, ReservationState> reservations = [];

    [Fact]
    public void A_payment_entry_numbers_its_transfers_and_moves_each_amount_from_debit_to_credit()
    {
        var entry = Create("evt_1", Pay(1000, 59));

        Assert.Equal(("adjustment:evt_1", "test", Now, 7), (entry.IdempotencyKey, entry.Description, entry.PostedAt, entry.Id.Version));
        Assert.Equal(
            [
                (0, TransferKind.Posted, stripe.Id, escrow.Id, 1000L),
                (1, TransferKind.Posted, fees.Id, stripe.Id, 59L),
                (2, TransferKind.Posted, escrow.Id, fees.Id, 59L),
            ],
            entry.Transfers.Select(t => (t.Sequence, t.Kind, t.DebitAccountId, t.CreditAccountId, t.Amount)));
        Assert.All(entry.Transfers, t => Assert.Equal((entry.Id, Currency.Usd, (Guid?)null), (t.EntryId, t.Currency, t.PendingTransferId)));
        Assert.Equal(3, entry.Transfers.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void A_payment_changes_each_account_once_summed_over_its_transfers_ordered_by_account_id()
    {
        var entry = Create("evt_1", Pay(1000, 59));

        var changes = entry.BalanceChanges(NoEarlierReservation);

        Assert.Equal(changes.Select(c => c.AccountId).Order(), changes.Select(c => c.AccountId));
        Assert.Equal(new BalanceChange(escrow.Id, 59, 1000, 0, 0), changes.Single(c => c.AccountId == escrow.Id));
        Assert.Equal(new BalanceChange(stripe.Id, 1000, 59, 0, 0), changes.Single(c => c.AccountId == stripe.Id));
        Assert.Equal(new BalanceChange(fees.Id, 59, 59, 0, 0), changes.Single(c => c.AccountId == fees.Id));
    }

    [Fact]
    public void A_reservation_takes_the_callers_id_and_holds_the_amount_as_pending()
    {
        var id = Guid.NewGuid();

        var entry = Create("payout_1:reserve", new Reserve(id, escrow.Id, stripe.Id, Usd(600)));

        var transfer = Assert.Single(entry.Transfers);
        Assert.Equal((id, TransferKind.Pending, 600L), (transfer.Id, transfer.Kind, transfer.Amount));
        Assert.Equal(
            [new BalanceChange(escrow.Id, 0, 0, 600, 0), new BalanceChange(stripe.Id, 0, 0, 0, 600)],
            entry.BalanceChanges(NoEarlierReservation).OrderBy(c => c.AccountId == stripe.Id));
    }

    [Fact]
    public void Posting_part_of_an_earlier_reservation_posts_that_part_and_releases_all_of_it()
    {
        var id = Reserved(600);

        var entry = Create("payout_1:post", new PostReserved(id, 450));

        var transfer = Assert.Single(entry.Transfers);
        Assert.Equal((TransferKind.PostPending, escrow.Id, stripe.Id, 450L, Currency.Usd, (Guid?)id), (transfer.Kind, transfer.DebitAccountId, transfer.CreditAccountId, transfer.Amount, transfer.Currency, transfer.PendingTransferId));
        Assert.NotEqual(id, transfer.Id);
        Assert.Equal(
            [new BalanceChange(escrow.Id, 450, 0, -600, 0), new BalanceChange(stripe.Id, 0, 450, 0, -600)],
            entry.BalanceChanges(held => held == id ? 600 : throw new KeyNotFoundException()).OrderBy(c => c.AccountId == stripe.Id));
    }

    [Fact]
    public void Posting_a_reservation_without_an_amount_posts_all_of_it()
    {
        var id = Reserved(600);

        var entry = Create("payout_1:post", new PostReserved(id));

        Assert.Equal(600, Assert.Single(entry.Transfers).Amount);
    }

    [Fact]
    public void Voiding_a_reservation_releases_all_of_it()
    {
        var id = Reserved(600);

        var entry = Create("payout_1:void", new VoidReserved(id));

        var transfer = Assert.Single(entry.Transfers);
        Assert.Equal((TransferKind.VoidPending, escrow.Id, stripe.Id, 600L, (Guid?)id), (transfer.Kind, transfer.DebitAccountId, transfer.CreditAccountId, transfer.Amount, transfer.PendingTransferId));
        Assert.Equal(
            [new BalanceChange(escrow.Id, 0, 0, -600, 0), new BalanceChange(stripe.Id, 0, 0, 0, -600)],
            entry.BalanceChanges(NoEarlierReservation).OrderBy(c => c.AccountId == stripe.Id));
    }

    [Fact]
    public void Reserving_and_posting_in_one_entry_posts_the_part_and_leaves_nothing_pending_without_asking_for_earlier_reservations()
    {
        var id = Guid.NewGuid();

        var entry = Create("payout_1", new Reserve(id, escrow.Id, stripe.Id, Usd(600)), new PostReserved(id, 450));

        Assert.Equal([TransferKind.Pending, TransferKind.PostPending], entry.Transfers.Select(t => t.Kind));
        Assert.Equal(
            [new BalanceChange(escrow.Id, 450, 0, 0, 0), new BalanceChange(stripe.Id, 0, 450, 0, 0)],
            entry.BalanceChanges(NoEarlierReservation).OrderBy(c => c.AccountId == stripe.Id));
    }

    [Fact]
    public void Reserving_and_voiding_in_one_entry_changes_nothing()
    {
        var id = Guid.NewGuid();

        var entry = Create("payout_1", new Reserve(id, escrow.Id, stripe.Id, Usd(600)), new VoidReserved(id));

        Assert.All(entry.BalanceChanges(NoEarlierReservation), c => Assert.Equal(new BalanceChange(c.AccountId, 0, 0, 0, 0), c));
    }

    [Fact]
    public void Reusing_the_id_of_an_earlier_reservation_is_refused()
    {
        var id = Reserved(600);

        Refused(LedgerErrorCode.DuplicateReservation, [$"Reservation {id} already exists"], new Reserve(id, escrow.Id, stripe.Id, Usd(1)));
    }

    [Fact]
    public void Reusing_a_reservation_id_within_one_entry_is_refused()
    {
        var id = Guid.NewGuid();

        Refused(LedgerErrorCode.DuplicateReservation, [$"Reservation {id} already exists"], new Reserve(id, escrow.Id, stripe.Id, Usd(1)), new Reserve(id, escrow.Id, stripe.Id, Usd(2)));
    }

    [Fact]
    public void Reusing_the_id_of_a_resolved_reservation_is_refused()
    {
        var id = Reserved(600, resolved: true);

        Refused(LedgerErrorCode.DuplicateReservation, [id.ToString()], new Reserve(id, escrow.Id, stripe.Id, Usd(1)));
    }

    [Fact]
    public void Resolving_a_reservation_twice_in_one_entry_is_refused()
    {
        var id = Reserved(600);

        Refused(LedgerErrorCode.ReservationAlreadyResolved, ["Transfer 1", $"reservation {id} is resolved twice in one entry"], new PostReserved(id, 100), new VoidReserved(id));
    }

    [Fact]
    public void Resolving_a_reservation_made_in_the_same_entry_twice_is_refused()
    {
        var id = Guid.NewGuid();

        Refused(LedgerErrorCode.ReservationAlreadyResolved, ["Transfer 2", "twice"], new Reserve(id, escrow.Id, stripe.Id, Usd(600)), new VoidReserved(id), new VoidReserved(id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resolving_a_reservation_already_posted_or_voided_is_refused(bool post)
    {
        var id = Reserved(600, resolved: true);

        Refused(LedgerErrorCode.ReservationAlreadyResolved, ["Transfer 0", $"reservation {id} was already posted or voided"], post ? new PostReserved(id) : new VoidReserved(id));
    }

    [Fact]
    public void Resolving_an_unknown_reservation_is_refused()
    {
        var id = Guid.NewGuid();

        Refused(LedgerErrorCode.UnknownReservation, ["Transfer 0", $"unknown reservation {id}"], new VoidReserved(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Posting_nothing_or_less_of_a_reservation_is_refused(long amount)
    {
        var id = Reserved(600);

        Refused(LedgerErrorCode.NonPositiveAmount, ["Transfer 0", $"amount must be positive, was {amount}"], new PostReserved(id, amount));
    }

    [Fact]
    public void Posting_more_than_was_reserved_is_refused_but_all_of_it_is_not()
    {
        var id = Reserved(600);

        Refused(LedgerErrorCode.PostExceedsReservation, ["Transfer 0", "cannot post 601 of a reservation of 600"], new PostReserved(id, 601));
        Assert.Equal(600, Create("payout_1:post", new PostReserved(id, 600)).Transfers[0].Amount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Moving_or_reserving_nothing_or_less_is_refused(long amount)
    {
        Refused(LedgerErrorCode.NonPositiveAmount, ["Transfer 1", $"amount must be positive, was {amount}"], Pay(1000, 0)[0], new TransferRequest.Post(stripe.Id, escrow.Id, Usd(amount)));
        Refused(LedgerErrorCode.NonPositiveAmount, ["Transfer 0"], new Reserve(Guid.NewGuid(), escrow.Id, stripe.Id, Usd(amount)));
    }

    [Fact]
    public void A_transfer_within_one_account_is_refused() =>
        Refused(LedgerErrorCode.SameAccount, ["Transfer 0", "debit and credit account are the same"], new TransferRequest.Post(stripe.Id, stripe.Id, Usd(1)));

    [Fact]
    public void A_transfer_from_or_to_an_unknown_account_is_refused()
    {
        var unknown = Guid.NewGuid();

        Refused(LedgerErrorCode.UnknownAccount, ["Transfer 0", $"unknown debit account {unknown}"], new TransferRequest.Post(unknown, escrow.Id, Usd(1)));
        Refused(LedgerErrorCode.UnknownAccount, ["Transfer 0", $"unknown credit account {unknown}"], new TransferRequest.Post(stripe.Id, unknown, Usd(1)));
    }

    [Fact]
    public void An_amount_in_another_currency_than_either_account_is_refused()
    {
        Refused(LedgerErrorCode.CurrencyMismatch, ["Transfer 0", "USD between a USD and a EUR account"], new TransferRequest.Post(stripe.Id, euroEscrow.Id, Usd(1)));
        Refused(LedgerErrorCode.CurrencyMismatch, ["EUR between a EUR and a USD account"], new TransferRequest.Post(euroEscrow.Id, stripe.Id, new Money(1, Eur)));
        Refused(LedgerErrorCode.CurrencyMismatch, ["EUR between a USD and a USD account"], new Reserve(Guid.NewGuid(), escrow.Id, stripe.Id, new Money(1, Eur)));
    }

    [Fact]
    public void An_entry_needs_at_least_one_transfer() =>
        Refused(LedgerErrorCode.EmptyEntry, ["at least one transfer"]);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void An_entry_needs_an_idempotency_key(string? key)
    {
        var error = Assert.Throws<LedgerException>(() => JournalEntry.Create(Cause(key!), "test", Now, Pay(1, 0), Find, FindReservation));

        Assert.Equal(LedgerErrorCode.InvalidIdempotencyKey, error.Code);
        Assert.Contains("at most 200 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_idempotency_key_may_be_200_characters_and_no_more()
    {
        // The key is the cause's code and id ("adjustment:" is 11 characters).
        Assert.Equal(200, JournalEntry.MaxIdempotencyKeyLength);
        Assert.Equal(200, Create(new string('k', 189), Pay(1, 0)).IdempotencyKey.Length);
        var error = Assert.Throws<LedgerException>(() => Create(new string('k', 190), Pay(1, 0)));
        Assert.Equal(LedgerErrorCode.InvalidIdempotencyKey, error.Code);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => JournalEntry.Create(Cause("k"), "test", Now, null!, Find, FindReservation));
        Assert.Throws<ArgumentNullException>(() => Create("k", Pay(1, 0)).BalanceChanges(null!));
    }

    private static Money Usd(long amount) => new(amount, Currency.Usd);

    private static long NoEarlierReservation(Guid id) => throw new KeyNotFoundException($"No earlier reservation {id} was expected.");

    private TransferRequest[] Pay(long amount, long fee) =>
        fee == 0
            ? [new TransferRequest.Post(stripe.Id, escrow.Id, Usd(amount))]
            : [new TransferRequest.Post(stripe.Id, escrow.Id, Usd(amount)), new TransferRequest.Post(fees.Id, stripe.Id, Usd(fee)), new TransferRequest.Post(escrow.Id, fees.Id, Usd(fee))];

    private Guid Reserved(long amount, bool resolved = false)
    {
        var id = Guid.NewGuid();
        var pending = Assert.Single(Create($"reserve:{id}", new Reserve(id, escrow.Id, stripe.Id, Usd(amount))).Transfers);
        reservations[id] = new ReservationState(pending, resolved);
        return id;
    }

    private JournalEntry Create(string causeId, params TransferRequest[] requests) =>
        JournalEntry.Create(Cause(causeId), "test", Now, requests, Find, FindReservation);

    private static EntryCause Cause(string id) => new(EntryCauseType.Adjustment, id);

    private void Refused(LedgerErrorCode code, string[] mentions, params TransferRequest[] requests)
    {
        var error = Assert.Throws<LedgerException>(() => Create("refused", requests));

        Assert.Equal(code, error.Code);
        Assert.All(mentions, m => Assert.Contains(m, error.Message, StringComparison.Ordinal));
    }

    private LedgerAccount? Find(Guid id) => new[] { stripe, fees, escrow, euroEscrow }.SingleOrDefault(a => a.Id == id);

    private ReservationState? FindReservation(Guid id) => reservations.GetValueOrDefault(id);
}
