using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payouts;

namespace EmanciPay.Domain.Tests.Payouts;

public sealed class PayoutTests
{
    private const long Limit = 100_000;
    private static readonly DateTimeOffset Requested = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Station = Guid.NewGuid();

    [Theory]
    [InlineData(1, PayoutStatus.Approved)]
    [InlineData(Limit, PayoutStatus.Approved)]
    [InlineData(Limit + 1, PayoutStatus.AwaitingApproval)]
    public void A_request_above_the_approval_limit_waits_for_finance_and_one_at_or_below_it_is_approved_at_once(long amount, PayoutStatus status)
    {
        var payout = Payout.Request(Station, amount, Currency.Usd, "manager-1", Limit, Requested);

        Assert.Equal((Station, amount, Currency.Usd, "manager-1", Requested, status), (payout.RecipientId, payout.Amount, payout.Currency, payout.RequestedBy, payout.RequestedAt, payout.Status));
        Assert.Equal(status == PayoutStatus.Approved ? Requested : null, payout.ApprovedAt);
        Assert.Equal((0, null, null, false), (payout.Attempts, payout.TransferId, payout.FinishedAt, payout.IsFinished));
        Assert.Equal(7, payout.Id.Version);
        Assert.Equal($"payout-{payout.Id:N}", payout.TransferIdempotencyKey);
    }

    [Theory]
    [InlineData(0, "manager-1", Limit)]
    [InlineData(-1, "manager-1", Limit)]
    [InlineData(100, " ", Limit)]
    [InlineData(100, "manager-1", -1)]
    public void A_request_for_nothing_by_nobody_or_with_a_negative_limit_is_refused(long amount, string requestedBy, long limit) =>
        Assert.ThrowsAny<ArgumentException>(() => Payout.Request(Station, amount, Currency.Usd, requestedBy, limit, Requested));

    [Fact]
    public void Finance_approves_a_large_payout_but_never_the_one_who_requested_it()
    {
        var payout = Large();

        Assert.Throws<PayoutTransitionException>(() => payout.Approve("manager-1", Requested));
        payout.Approve("finance-1", Requested.AddHours(1));

        Assert.Equal((PayoutStatus.Approved, "finance-1", Requested.AddHours(1)), (payout.Status, payout.ApprovedBy, payout.ApprovedAt));
        Assert.Throws<PayoutTransitionException>(() => payout.Approve("finance-2", Requested.AddHours(2)));
    }

    [Fact]
    public void A_rejected_payout_is_finished_with_its_reason_and_cannot_be_transferred()
    {
        var payout = Large();

        payout.Reject("The amount does not match the invoice.", Requested.AddHours(1));

        Assert.Equal((PayoutStatus.Rejected, "The amount does not match the invoice.", Requested.AddHours(1), true), (payout.Status, payout.Reason, payout.FinishedAt, payout.IsFinished));
        Assert.Throws<PayoutTransitionException>(() => payout.BeginAttempt(Requested.AddHours(2)));
        Assert.Throws<PayoutTransitionException>(() => Small().Reject("late", Requested));
    }

    [Fact]
    public void A_payout_awaiting_approval_cannot_be_transferred_paid_or_failed()
    {
        var payout = Large();

        Assert.Throws<PayoutTransitionException>(() => payout.BeginAttempt(Requested));
        Assert.Throws<PayoutTransitionException>(() => payout.MarkPaid("tr_1", Requested));
        Assert.Throws<PayoutTransitionException>(() => payout.Fail("no", Requested));
        Assert.Throws<PayoutTransitionException>(() => payout.RetryLater(Requested));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(24 * 60 - 1, false)]
    [InlineData(24 * 60, true)]
    [InlineData(3 * 24 * 60, true)]
    public void An_attempt_24_hours_after_the_first_must_look_the_transfer_up_before_creating_one(int minutesLater, bool mustLookUp)
    {
        var payout = Small();
        Assert.False(payout.BeginAttempt(Requested));

        Assert.Equal(mustLookUp, payout.BeginAttempt(Requested.AddMinutes(minutesLater)));
        Assert.Equal((PayoutStatus.Transferring, 2, Requested), (payout.Status, payout.Attempts, payout.FirstAttemptAt));
    }

    [Fact]
    public void A_transient_failure_waits_before_the_next_attempt_doubling_from_a_minute_to_an_hour()
    {
        var payout = Small();
        var at = Requested;
        var waits = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            payout.BeginAttempt(at);
            payout.RetryLater(at);
            Assert.Throws<PayoutTransitionException>(() => payout.BeginAttempt(payout.RetryAt!.Value.AddSeconds(-1)));
            waits.Add((payout.RetryAt!.Value - at).TotalMinutes);
            at = payout.RetryAt.Value;
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
        Assert.Equal((PayoutStatus.Transferring, 9), (payout.Status, payout.Attempts));
    }

    [Fact]
    public void Marking_paid_records_the_transfer_once_and_the_same_transfer_again_changes_nothing()
    {
        var payout = Small();
        payout.BeginAttempt(Requested);

        payout.MarkPaid("tr_1", Requested.AddSeconds(2));
        payout.MarkPaid("tr_1", Requested.AddMinutes(5));

        Assert.Equal((PayoutStatus.Paid, "tr_1", Requested.AddSeconds(2), null), (payout.Status, payout.TransferId, payout.FinishedAt, payout.Reason));
        Assert.Throws<PayoutTransitionException>(() => payout.MarkPaid("tr_2", Requested.AddMinutes(6)));
        Assert.Throws<PayoutTransitionException>(() => payout.Fail("too late", Requested.AddMinutes(6)));
        Assert.Throws<PayoutTransitionException>(() => payout.BeginAttempt(Requested.AddMinutes(6)));
    }

    [Fact]
    public void A_webhook_may_mark_an_approved_payout_paid_before_the_job_records_its_attempt()
    {
        var payout = Small();

        payout.MarkPaid("tr_1", Requested);

        Assert.Equal(PayoutStatus.Paid, payout.Status);
    }

    [Fact]
    public void A_final_failure_keeps_a_readable_reason_and_ends_the_payout()
    {
        var payout = Small();
        payout.BeginAttempt(Requested);

        payout.Fail(new string('x', Payout.MaxReasonLength + 50), Requested.AddMinutes(1));

        Assert.Equal((PayoutStatus.Failed, Payout.MaxReasonLength, true), (payout.Status, payout.Reason!.Length, payout.IsFinished));
        Assert.Throws<PayoutTransitionException>(() => payout.MarkPaid("tr_1", Requested.AddMinutes(2)));
        Assert.Throws<ArgumentException>(() => Small().Fail(" ", Requested));
    }

    /// <summary>Every action from every finished state is refused: nothing moves a finished payout.</summary>
    [Fact]
    public void No_action_moves_a_finished_payout()
    {
        Func<Payout>[] finished =
        [
            () => { var p = Small(); p.MarkPaid("tr_1", Requested); return p; },
            () => { var p = Small(); p.Fail("closed account", Requested); return p; },
            () => { var p = Large(); p.Reject("no", Requested); return p; },
        ];
        Action<Payout>[] actions =
        [
            p => p.Approve("finance-1", Requested),
            p => p.Reject("no", Requested),
            p => p.BeginAttempt(Requested.AddDays(2)),
            p => p.RetryLater(Requested),
            p => p.MarkPaid("tr_other", Requested),
            p => p.Fail("no", Requested),
        ];

        foreach (var make in finished)
        {
            foreach (var act in actions)
            {
                var payout = make();
                var before = (payout.Status, payout.Reason, payout.TransferId, payout.FinishedAt, payout.Attempts);
                Assert.Throws<PayoutTransitionException>(() => act(payout));
                Assert.Equal(before, (payout.Status, payout.Reason, payout.TransferId, payout.FinishedAt, payout.Attempts));
            }
        }
    }

    [Fact]
    public void An_attempt_records_when_it_started_and_only_a_finished_payout_can_have_its_notice_sent()
    {
        var payout = Small();
        Assert.Throws<PayoutTransitionException>(() => payout.MarkNoticeSent(Requested));
        payout.BeginAttempt(Requested.AddMinutes(5));
        Assert.Equal(Requested.AddMinutes(5), payout.LastAttemptAt);
        payout.MarkPaid("tr_1", Requested.AddMinutes(6));
        payout.MarkNoticeSent(Requested.AddMinutes(7));
        payout.MarkNoticeSent(Requested.AddMinutes(8));
        Assert.Equal(Requested.AddMinutes(7), payout.NoticeSentAt);
    }

    private static Payout Small() => Payout.Request(Station, 5_000, Currency.Usd, "manager-1", Limit, Requested);

    private static Payout Large() => Payout.Request(Station, Limit + 1, Currency.Usd, "manager-1", Limit, Requested);
}
