using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Refunds;
using EmanciPay.Domain.Payments;
using EmanciPay.IntegrationTests.Features.Payouts;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Security;

/// <summary>
/// Two finance users (or one double click with two keys) refunding parts of one payment at the same moment: each read
/// what was left to refund before the other's claim was written, so both claimed and together more than was paid.
/// Stripe refuses the second refund, but only after the station's paid-out transfer was reversed for it, which no
/// entry books: our books and Stripe's balance part. The test makes the race certain by holding new refund rows back
/// (a SHARE lock on the table, which reads pass) until both requests wait, then letting them go together.
/// </summary>
[Collection(PayoutsCollection.Name)]
public sealed class RacingRefundTests : IntegrationTest
{
    private readonly PayoutKit kit;

    public RacingRefundTests(PayoutsFixture fixture)
        : base(fixture)
    {
        fixture.Transfers.Reset();
        fixture.Factory.Emulator.Webhooks.Reset();
        kit = new PayoutKit(fixture);
    }

    [Fact]
    public async Task Two_partial_refunds_at_once_that_together_pass_the_payment_are_one_refund_and_one_400_and_stripe_is_asked_once()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(10_000);
        var manager = await kit.ManagerAsync();
        await kit.RequestAsync(manager, funded);
        await kit.RunJobsAsync();
        await App.StripeEventsProcessedAsync();
        var finance = await kit.FinanceAsync();
        var payment = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AsNoTracking().SingleAsync());

        Task<IssueRefund.Result>[] refunds;
        await using (var connection = await App.OpenAsync())
        {
            await using var hold = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, hold, """LOCK TABLE "Refunds" IN SHARE MODE""");
            refunds = [RefundAsync("first"), RefundAsync("second")];
            await WaitForWaitersAsync(connection, 2);
            await hold.CommitAsync();
        }

        var outcomes = await Task.WhenAll(refunds.Select(async r =>
        {
            try
            {
                return (await r).Status;
            }
            catch (ValidationException refused)
            {
                return $"400 {Assert.Single(refused.Errors).PropertyName}";
            }
        }));
        await App.StripeEventsProcessedAsync();

        Assert.Equal(["400 Amount", "succeeded"], outcomes.Order(StringComparer.Ordinal));
        var claimed = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Refunds.AsNoTracking().ToListAsync());
        Assert.Equal(RefundStatus.Succeeded, Assert.Single(claimed).Status);
        Assert.Equal(6_000, Assert.Single(await kit.StripeTransfersAsync()).AmountReversed);

        Task<IssueRefund.Result> RefundAsync(string key) =>
            Task.Run(() => App.SendAsync(new IssueRefund.Command(payment.Id, 6_000, "Two of us refunding at once", key), finance));
    }

    [Fact]
    public async Task The_same_refund_sent_twice_at_once_with_one_key_is_one_refund_and_never_a_server_error()
    {
        await kit.StationAsync();
        await kit.FundAsync(10_000);
        var finance = await kit.FinanceAsync();
        var payment = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.AsNoTracking().SingleAsync());
        var command = new IssueRefund.Command(payment.Id, 3_000, "A double click", "one-key");

        Task<IssueRefund.Result>[] refunds;
        await using (var connection = await App.OpenAsync())
        {
            await using var hold = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, hold, """LOCK TABLE "Refunds" IN SHARE MODE""");
            refunds = [Task.Run(() => App.SendAsync(command, finance)), Task.Run(() => App.SendAsync(command, finance))];
            await WaitForWaitersAsync(connection, 2);
            await hold.CommitAsync();
        }

        var outcomes = await Task.WhenAll(refunds.Select(async r =>
        {
            try
            {
                var refund = await r;
                return $"{refund.Status} {refund.Id}";
            }
            catch (IdempotencyKeyInUseException)
            {
                return "409";
            }
        }));

        var claimed = Assert.Single(await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Refunds.AsNoTracking().ToListAsync()));
        Assert.Contains($"succeeded {claimed.Id}", outcomes);
        Assert.All(outcomes, o => Assert.True(o == "409" || o == $"succeeded {claimed.Id}", o));
        Assert.Equal(3_000, claimed.Amount);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Until this many of the app's sessions in this database wait for a lock (the refunds' claims).</summary>
    private static async Task WaitForWaitersAsync(System.Data.Common.DbConnection connection, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(4);
        while (true)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
            if (Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The refunds did not both reach their claim within 4 seconds.");
            await Task.Delay(20);
        }
    }
}
