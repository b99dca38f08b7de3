using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Tests.Ledger;

public sealed class LedgerAccountTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_escrow_is_a_liability_of_its_recipient_that_can_never_pay_out_more_than_it_holds()
    {
        var recipient = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var escrow = LedgerAccount.OpenEscrow(recipient, Currency.Usd, Opened);

        Assert.Equal(
            ("escrow:0f8fad5bd9cb469fa16570867728950e", AccountType.Liability, Currency.Usd, true, 1, Opened),
            (escrow.Code, escrow.Type, escrow.Currency, escrow.DebitsMustNotExceedCredits, escrow.BalanceSlots, escrow.OpenedAt));
        Assert.Equal(7, escrow.Id.Version);
    }

    [Theory]
    [InlineData(PlatformAccount.StripeBalance, "stripe:balance", AccountType.Asset, LedgerAccount.HotAccountBalanceSlots)]
    [InlineData(PlatformAccount.ProcessingFees, "fees:processing", AccountType.Expense, LedgerAccount.HotAccountBalanceSlots)]
    [InlineData(PlatformAccount.PlatformFees, "fees:platform", AccountType.Revenue, 1)]
    [InlineData(PlatformAccount.Suspense, "suspense", AccountType.Liability, 1)]
    public void The_platforms_accounts_follow_the_chart_and_only_those_every_payment_touches_are_spread(PlatformAccount platform, string code, AccountType type, int slots)
    {
        var account = LedgerAccount.OpenPlatform(platform, Currency.Usd, Opened);

        Assert.Equal((code, type, slots, false), (account.Code, account.Type, account.BalanceSlots, account.DebitsMustNotExceedCredits));
        Assert.Equal(code, LedgerAccount.PlatformCode(platform));
        Assert.True(LedgerAccount.TryParsePlatformCode(code, out var parsed));
        Assert.Equal(platform, parsed);
    }

    [Fact]
    public void Hot_accounts_spread_over_eight_rows() =>
        Assert.Equal(8, LedgerAccount.HotAccountBalanceSlots);

    [Theory]
    [InlineData("escrow:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("STRIPE:BALANCE")]
    [InlineData("")]
    public void A_code_that_is_not_the_platforms_is_not_parsed_as_one(string code)
    {
        Assert.False(LedgerAccount.TryParsePlatformCode(code, out var parsed));
        Assert.Equal(default, parsed);
    }

    [Fact]
    public void An_unknown_platform_account_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerAccount.PlatformCode((PlatformAccount)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerAccount.OpenPlatform((PlatformAccount)99, Currency.Usd, Opened));
    }
}
