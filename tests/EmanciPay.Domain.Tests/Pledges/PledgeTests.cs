using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;

namespace EmanciPay.Domain.Tests.Pledges;

public sealed class PledgeTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly PledgeQuote TenDollars = new(1000, 1061, 61, 1000);

    [Fact]
    public void A_new_pledge_waits_for_payment_and_keeps_the_quote_and_the_listeners_terms()
    {
        var pledge = Pledge.Create(Station, "user-1", "a@example.org", TenDollars, Currency.Usd, PledgeFrequency.Monthly, "  for the jazz  ", anonymous: true, coverFee: true, Created);

        Assert.Equal(
            (Station, "user-1", "a@example.org", 1000L, 1061L, 61L, Currency.Usd, PledgeFrequency.Monthly, "for the jazz", true, true, PledgeStatus.Pending, Created),
            (pledge.RecipientId, pledge.ListenerId, pledge.Email, pledge.Amount, pledge.ChargeAmount, pledge.EstimatedFee, pledge.Currency, pledge.Frequency, pledge.Message, pledge.Anonymous, pledge.CoverFee, pledge.Status, pledge.CreatedAt));
        Assert.Equal(7, pledge.Id.Version);
        Assert.Equal((0, null, null, null), (pledge.PaymentsCount, pledge.PaidAt, pledge.NextChargeAt, pledge.CheckoutSessionId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_message_is_no_message(string? message) =>
        Assert.Null(OneTime(message: message).Message);

    [Fact]
    public void A_guest_can_pledge_once_and_is_charged_exactly_the_pledge_when_not_covering_the_fee()
    {
        var pledge = Pledge.Create(Station, null, "guest@example.org", new PledgeQuote(500, 500, 45, 455), Currency.Usd, PledgeFrequency.OneTime, null, anonymous: false, coverFee: false, Created);

        Assert.Equal((null, 500L, 500L, false, false), (pledge.ListenerId, pledge.Amount, pledge.ChargeAmount, pledge.Anonymous, pledge.CoverFee));
    }

    [Fact]
    public void A_monthly_pledge_needs_a_signed_in_listener()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Pledge.Create(Station, null, "guest@example.org", TenDollars, Currency.Usd, PledgeFrequency.Monthly, null, false, true, Created));

        Assert.Contains("signed-in listener", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-100, 0)]
    [InlineData(1000, 999)]
    public void A_pledge_must_be_for_a_positive_amount_charged_at_least_in_full(long pledged, long charged)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Pledge.Create(Station, "user-1", "a@example.org", new PledgeQuote(pledged, charged, 0, charged), Currency.Usd, PledgeFrequency.OneTime, null, false, false, Created));

        Assert.Equal("quote", error.ParamName);
        Assert.Contains("positive amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attaching_the_checkout_keeps_its_session_and_address()
    {
        var pledge = OneTime();

        pledge.AttachCheckout("cs_1", "https://checkout.example/cs_1");

        Assert.Equal(("cs_1", "https://checkout.example/cs_1"), (pledge.CheckoutSessionId, pledge.CheckoutUrl));
    }

    [Fact]
    public void A_paid_one_time_pledge_is_paid_and_nothing_more_is_due_or_saved()
    {
        var pledge = OneTime();

        pledge.RecordPaymentSucceeded(Created.AddMinutes(2), "cus_1", "pm_1");

        Assert.Equal((PledgeStatus.Paid, Created.AddMinutes(2), 1, null, null, null), (pledge.Status, pledge.PaidAt, pledge.PaymentsCount, pledge.NextChargeAt, pledge.StripeCustomerId, pledge.PaymentMethodId));
    }

    [Fact]
    public void A_monthly_pledge_saves_the_first_card_and_falls_due_a_month_after_the_first_payment_per_payment_made()
    {
        var pledge = Monthly();

        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");
        var afterFirst = pledge.NextChargeAt;
        pledge.RecordPaymentSucceeded(Created.AddMonths(1).AddHours(3), "cus_2", "pm_2");

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.Zero), afterFirst);
        Assert.Equal((PledgeStatus.Active, Created, 2, "cus_1", "pm_1"), (pledge.Status, pledge.PaidAt, pledge.PaymentsCount, pledge.StripeCustomerId, pledge.PaymentMethodId));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.Zero), pledge.NextChargeAt);
    }

    [Fact]
    public void A_success_after_a_decline_wins_and_clears_the_reason()
    {
        var pledge = OneTime();
        pledge.RecordPaymentFailed("card_declined");

        pledge.RecordPaymentSucceeded(Created, null, null);

        Assert.Equal((PledgeStatus.Paid, null), (pledge.Status, pledge.FailureReason));
    }

    [Fact]
    public void Money_that_arrives_for_a_cancelled_pledge_is_counted_but_does_not_revive_it()
    {
        var pledge = Monthly();
        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");
        pledge.Cancel(Created.AddDays(3));

        pledge.RecordPaymentSucceeded(Created.AddDays(4), "cus_1", "pm_1");

        Assert.Equal((PledgeStatus.Cancelled, 2, null), (pledge.Status, pledge.PaymentsCount, pledge.NextChargeAt));
    }

    [Fact]
    public void A_declined_pending_pledge_fails_with_its_reason()
    {
        var pledge = OneTime();

        pledge.RecordPaymentFailed("card_declined");

        Assert.Equal((PledgeStatus.Failed, "card_declined"), (pledge.Status, pledge.FailureReason));
    }

    [Fact]
    public void A_declined_cycle_stops_an_active_monthly_pledge()
    {
        var pledge = Monthly();
        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");

        pledge.RecordPaymentFailed("expired_card");

        Assert.Equal((PledgeStatus.Failed, "expired_card", null), (pledge.Status, pledge.FailureReason, pledge.NextChargeAt));
        Assert.False(pledge.IsDue(Created.AddYears(1)));
    }

    [Fact]
    public void A_failed_pledge_keeps_the_latest_reason()
    {
        var pledge = OneTime();
        pledge.RecordPaymentFailed("card_declined");

        pledge.RecordPaymentFailed("insufficient_funds");

        Assert.Equal((PledgeStatus.Failed, "insufficient_funds"), (pledge.Status, pledge.FailureReason));
    }

    [Fact]
    public void A_late_decline_never_undoes_a_paid_or_cancelled_pledge()
    {
        var paid = OneTime();
        paid.RecordPaymentSucceeded(Created, null, null);
        var cancelled = Monthly();
        cancelled.Cancel(Created);

        paid.RecordPaymentFailed("card_declined");
        cancelled.RecordPaymentFailed("card_declined");

        Assert.Equal((PledgeStatus.Paid, null), (paid.Status, paid.FailureReason));
        Assert.Equal((PledgeStatus.Cancelled, null), (cancelled.Status, cancelled.FailureReason));
    }

    [Theory]
    [InlineData(299, 299)]
    [InlineData(300, 300)]
    [InlineData(301, 300)]
    [InlineData(1000, 300)]
    public void A_failure_reason_is_kept_to_300_characters(int length, int kept)
    {
        var pledge = OneTime();
        var reason = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        pledge.RecordPaymentFailed(reason);

        Assert.Equal(reason[..kept], pledge.FailureReason);
    }

    [Fact]
    public void An_active_monthly_pledge_is_due_from_the_moment_its_next_cycle_starts()
    {
        var pledge = Monthly();
        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");
        var due = pledge.NextChargeAt!.Value;

        Assert.False(pledge.IsDue(due.AddTicks(-1)));
        Assert.True(pledge.IsDue(due));
        Assert.True(pledge.IsDue(due.AddDays(1)));
    }

    [Fact]
    public void A_pledge_that_is_not_active_is_never_due()
    {
        Assert.False(Monthly().IsDue(Created.AddYears(1)));
        var paid = OneTime();
        paid.RecordPaymentSucceeded(Created, null, null);
        Assert.False(paid.IsDue(Created.AddYears(1)));
    }

    [Fact]
    public void Cancelling_a_monthly_pledge_stops_its_charges_and_a_second_cancel_changes_nothing()
    {
        var pledge = Monthly();
        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");

        pledge.Cancel(Created.AddDays(1));
        pledge.Cancel(Created.AddDays(2));

        Assert.Equal((PledgeStatus.Cancelled, Created.AddDays(1), null), (pledge.Status, pledge.CancelledAt, pledge.NextChargeAt));
        Assert.False(pledge.IsDue(Created.AddYears(1)));
    }

    [Fact]
    public void A_one_time_pledge_cannot_be_cancelled()
    {
        var pledge = OneTime();

        var error = Assert.Throws<InvalidOperationException>(() => pledge.Cancel(Created));

        Assert.Contains("Only a monthly or per-use pledge", error.Message, StringComparison.Ordinal);
        Assert.Equal(PledgeStatus.Pending, pledge.Status);
    }

    [Fact]
    public void A_monthly_pledge_changes_its_amount_and_skips_a_month_from_its_next_basket()
    {
        var pledge = Monthly();
        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");

        pledge.Change(new PledgeQuote(1500, 1575, 76, 1499), ratePerHour: null);
        pledge.BillCycle();
        pledge.SkipCycle();

        Assert.Equal((1500L, 1575L), (pledge.Amount, pledge.ChargeAmount));
        Assert.Equal(Created.AddMonths(3), pledge.NextChargeAt);
        Assert.Throws<InvalidOperationException>(() => pledge.Change(new PledgeQuote(1500, 1500, 0, 1500), ratePerHour: 10));
    }

    [Fact]
    public void A_per_use_pledge_is_active_at_once_has_no_month_to_skip_and_a_basket_gift_is_paid_with_its_basket()
    {
        var perUse = Pledge.PerUse(Station, "user-1", "a@example.org", 10, 1000, Currency.Usd, false, Created);
        var gift = Pledge.ForBasket(Station, "user-1", "a@example.org", 500, Currency.Usd, null, false, Created);

        perUse.Change(new PledgeQuote(2000, 2000, 0, 2000), ratePerHour: 20);
        gift.RecordBasketPayment(Created.AddDays(40));

        Assert.Equal((PledgeStatus.Active, PledgeFrequency.PerUse, 2000L, (long?)20), (perUse.Status, perUse.Frequency, perUse.Amount, perUse.RatePerHour));
        Assert.Throws<InvalidOperationException>(perUse.SkipCycle);
        Assert.Throws<InvalidOperationException>(perUse.BillCycle);
        Assert.Equal((PledgeStatus.Paid, 1, true), (gift.Status, gift.PaymentsCount, gift.InBasket));
    }

    [Fact]
    public void A_paused_monthly_pledge_is_not_due_cannot_skip_and_on_resuming_owes_one_month_not_the_months_it_was_paused()
    {
        var pledge = Monthly();
        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");
        var pausedAt = Created.AddDays(10);

        pledge.Pause(pausedAt);
        pledge.Pause(pausedAt.AddDays(1));

        Assert.Equal(pausedAt, pledge.PausedAt);
        Assert.False(pledge.IsDue(Created.AddMonths(5)));
        Assert.Throws<InvalidOperationException>(pledge.SkipCycle);

        // Resumed four and a half months after its first payment: the cycles due at months 1 to 3 are let go, month 4's is owed.
        pledge.Resume(Created.AddMonths(4).AddDays(15));

        Assert.Null(pledge.PausedAt);
        Assert.Equal(Created.AddMonths(4), pledge.NextChargeAt);
        Assert.True(pledge.IsDue(Created.AddMonths(4).AddDays(15)));
        pledge.BillCycle();
        Assert.Equal(Created.AddMonths(5), pledge.NextChargeAt);
    }

    [Fact]
    public void Resuming_soon_after_a_pause_keeps_the_next_month_as_it_was_and_a_one_time_or_cancelled_pledge_cannot_pause()
    {
        var pledge = Monthly();
        pledge.RecordPaymentSucceeded(Created, "cus_1", "pm_1");
        var perUse = Pledge.PerUse(Station, "user-1", "a@example.org", 10, 1000, Currency.Usd, false, Created);

        pledge.Pause(Created.AddDays(3));
        pledge.Resume(Created.AddDays(5));
        pledge.Resume(Created.AddDays(6));
        perUse.Pause(Created);
        perUse.Cancel(Created.AddDays(1));

        Assert.Equal((null, Created.AddMonths(1)), (pledge.PausedAt, pledge.NextChargeAt));
        Assert.Null(perUse.PausedAt);
        Assert.Throws<InvalidOperationException>(() => perUse.Resume(Created.AddDays(2)));
        Assert.Throws<InvalidOperationException>(() => OneTime().Pause(Created));
    }

    [Fact]
    public void A_checkout_left_unpaid_is_reopened_once_per_attempt_and_a_removed_or_paid_pledge_is_not()
    {
        var pledge = Monthly();
        pledge.AttachCheckout("cs_1", "https://checkout.example/cs_1");
        pledge.ExpireCheckout();
        var removed = OneTime();
        removed.AttachCheckout("cs_2", "https://checkout.example/cs_2");
        removed.Remove(Created.AddHours(1));
        var paid = OneTime();
        paid.AttachCheckout("cs_3", "https://checkout.example/cs_3");
        paid.RecordPaymentSucceeded(Created, null, null);

        Assert.True(pledge.CanResumeCheckout);
        pledge.ReopenCheckout(1, "cs_1b", "https://checkout.example/cs_1b", Created.AddDays(2));
        pledge.ReopenCheckout(1, "cs_1b", "https://checkout.example/cs_1b", Created.AddDays(2));

        Assert.Equal((PledgeStatus.Pending, 1, "cs_1b", "https://checkout.example/cs_1b", (DateTimeOffset?)Created.AddDays(2)),
            (pledge.Status, pledge.CheckoutAttempts, pledge.CheckoutSessionId, pledge.CheckoutUrl, pledge.CheckoutOpenedAt));
        Assert.Throws<InvalidOperationException>(() => pledge.ReopenCheckout(1, "cs_1c", "https://checkout.example/cs_1c", Created.AddDays(3)));
        Assert.Equal((PledgeStatus.Expired, false), (removed.Status, removed.CanResumeCheckout));
        Assert.Throws<InvalidOperationException>(() => removed.ReopenCheckout(1, "cs_2b", "https://checkout.example/cs_2b", Created.AddDays(2)));
        Assert.False(paid.CanResumeCheckout);
    }

    private static Pledge OneTime(string? message = null) =>
        Pledge.Create(Station, "user-1", "a@example.org", TenDollars, Currency.Usd, PledgeFrequency.OneTime, message, false, true, Created);

    private static Pledge Monthly() =>
        Pledge.Create(Station, "user-1", "a@example.org", TenDollars, Currency.Usd, PledgeFrequency.Monthly, null, false, true, Created);
}
