using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Escrow;
using EmanciPay.Domain.Ledger;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Escrow;

/// <summary>Unclaimed escrow is held for Escrow:UnclaimedHoldDays (90), then each payment goes back to its listener.</summary>
[Collection(SqliteWithClockCollection.Name)]
public sealed class UnclaimedEscrowTests(SqliteWithClockFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task A_payment_to_a_station_that_never_claims_is_refunded_in_full_after_90_days_and_the_books_balance()
    {
        await kit.AddStationAsync();
        var pledge = await kit.PledgeAsync(1000);
        await kit.PayAsync(pledge);
        await kit.WebhooksDeliveredAsync();

        var paymentId = (await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.SingleAsync())).Id;

        fixture.Time.Advance(TimeSpan.FromDays(30));
        await App.SendAsync(new RefundPayment.Command(paymentId));
        Assert.Equal(941, (await kit.EscrowAsync()).AvailableCredit);
        Assert.Equal(1, await kit.CountAsync<JournalEntry>());

        fixture.Time.Advance(TimeSpan.FromDays(61));
        await App.SendAsync(new RefundExpiredEscrow.Command());
        await PledgeKit.WaitForAsync(async () => await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AnyAsync(p => p.RefundedAt != null)));
        await App.SendAsync(new RefundPayment.Command(paymentId));
        await kit.WebhooksDeliveredAsync();

        var balances = await kit.BalancesAsync();
        Assert.Equal(new AccountBalance(1000, 1000, 0, 0), await kit.EscrowAsync());
        Assert.Equal(new AccountBalance(1000, 1059, 0, 0), balances["stripe:balance"]);
        Assert.Equal(new AccountBalance(118, 59, 0, 0), balances["fees:processing"]);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        Assert.Equal(2, await kit.CountAsync<JournalEntry>());
        var refunds = App.Factory.Emulator.ListBalanceTransactions([]);
        Assert.Equal(-1000, refunds["data"]![0]!["amount"]!.GetValue<long>());
        Assert.Single(refunds["data"]!.AsArray(), t => t!["type"]!.GetValue<string>() == "refund");
        var notice = await Accounts.MailToAsync(App.Factory, "listener@example.test", "Your pledge to KEXP was refunded");
        Assert.Contains("your payment of $10.00 on", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("within 90 days", notice.TextBody, StringComparison.Ordinal);
    }
}
