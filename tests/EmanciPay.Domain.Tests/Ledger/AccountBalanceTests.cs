using EmanciPay.Domain.Ledger;

namespace EmanciPay.Domain.Tests.Ledger;

public sealed class AccountBalanceTests
{
    [Fact]
    public void What_an_escrow_can_still_pay_is_its_credits_less_its_debits_and_reservations() =>
        Assert.Equal(1000 - 300 - 200, new AccountBalance(DebitsPosted: 300, CreditsPosted: 1000, DebitsPending: 200, CreditsPending: 7).AvailableCredit);

    [Fact]
    public void Applying_a_change_adds_each_column_to_its_own()
    {
        var balance = new AccountBalance(1, 20, 300, 4000);

        var after = balance.Apply(new BalanceChange(Guid.NewGuid(), 5, 60, -200, 8000));

        Assert.Equal(new AccountBalance(6, 80, 100, 12000), after);
    }

    [Fact]
    public void Balances_add_column_by_column() =>
        Assert.Equal(new AccountBalance(6, 80, 100, 12000), new AccountBalance(1, 20, 300, 4000) + new AccountBalance(5, 60, -200, 8000));

    public static TheoryData<int> Columns => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Columns))]
    public void A_balance_that_would_overflow_throws_rather_than_wrap(int column)
    {
        var full = new AccountBalance(Column(column, 0), Column(column, 1), Column(column, 2), Column(column, 3));
        var one = new AccountBalance(1, 1, 1, 1);

        Assert.Throws<OverflowException>(() => full.Apply(new BalanceChange(Guid.NewGuid(), 1, 1, 1, 1)));
        Assert.Throws<OverflowException>(() => full + one);

        long Column(int overflowing, int index) => index == overflowing ? long.MaxValue : 0;
    }

    [Fact]
    public void A_new_counter_row_of_an_account_starts_at_zero()
    {
        var account = Guid.NewGuid();

        var slot = new AccountBalanceSlot(account, 3);

        Assert.Equal((account, 3, default(AccountBalance)), (slot.AccountId, slot.Slot, slot.Balance));
    }
}
