using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;

namespace EmanciPay.Domain.Tests.Payments;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Paid = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid PledgeId = Guid.NewGuid();
    private static readonly Guid EntryId = Guid.NewGuid();

    [Fact]
    public void A_payment_keeps_what_stripe_settled_and_the_net_is_the_gross_less_the_fee()
    {
        var payment = Payment.Record(PledgeId, "pi_1", new Money(1000, Currency.Usd), 59, EntryId, Paid);

        Assert.Equal(
            (PledgeId, "pi_1", 1000L, 59L, 941L, Currency.Usd, EntryId, Paid),
            (payment.PledgeId, payment.PaymentIntentId, payment.Gross, payment.Fee, payment.Net, payment.Currency, payment.JournalEntryId, payment.PaidAt));
        Assert.Equal(7, payment.Id.Version);
        Assert.Equal((null, null, null, null), (payment.ReceiptSentAt, payment.RefundedAt, payment.RefundId, payment.RefundNoticeSentAt));
    }

    [Theory]
    [InlineData(1000, 0)]
    [InlineData(1000, 1000)]
    [InlineData(1, 1)]
    public void A_fee_from_nothing_to_all_of_the_gross_is_accepted(long gross, long fee) =>
        Assert.Equal(gross - fee, Payment.Record(PledgeId, "pi_1", new Money(gross, Currency.Usd), fee, EntryId, Paid).Net);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(1000, -1)]
    [InlineData(1000, 1001)]
    public void A_payment_needs_a_positive_gross_and_a_fee_between_zero_and_the_gross(long gross, long fee)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Payment.Record(PledgeId, "pi_1", new Money(gross, Currency.Usd), fee, EntryId, Paid));

        Assert.Equal("gross", error.ParamName);
        Assert.Contains("positive gross amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refund_receipt_and_notice_are_recorded_once_the_first_time_wins()
    {
        var payment = Payment.Record(PledgeId, "pi_1", new Money(1000, Currency.Usd), 59, EntryId, Paid);

        payment.MarkRefunded("re_1", Paid.AddDays(1));
        payment.MarkRefunded("re_2", Paid.AddDays(2));
        payment.MarkReceiptSent(Paid.AddMinutes(1));
        payment.MarkReceiptSent(Paid.AddMinutes(2));
        payment.MarkRefundNoticeSent(Paid.AddDays(1).AddMinutes(1));
        payment.MarkRefundNoticeSent(Paid.AddDays(3));

        Assert.Equal(("re_1", Paid.AddDays(1)), (payment.RefundId, payment.RefundedAt));
        Assert.Equal(Paid.AddMinutes(1), payment.ReceiptSentAt);
        Assert.Equal(Paid.AddDays(1).AddMinutes(1), payment.RefundNoticeSentAt);
    }
}
