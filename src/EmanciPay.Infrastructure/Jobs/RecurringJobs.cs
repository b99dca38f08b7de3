using EmanciPay.Application.Features.Baskets;
using EmanciPay.Application.Features.Escrow;
using EmanciPay.Application.Features.Payments;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Features.Reconciliation;
using EmanciPay.Application.Features.Record;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.Infrastructure.Jobs;

public static class RecurringJobs
{
    /// <summary>The sweeps that find unfinished work in the database and enqueue it; registering again only updates them.</summary>
    public static void RegisterRecurringJobs(this IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var configuration = services.GetRequiredService<IConfiguration>();
        recurring.RemoveIfExists("charge-due-monthly-pledges");
        recurring.AddOrUpdate<CommandJob>("charge-due-baskets", job => job.RunAsync(new ChargeDueBaskets.Command(), CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<CommandJob>("expire-abandoned-checkouts", job => job.RunAsync(new ExpireAbandonedCheckouts.Command(), CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<CommandJob>("send-missing-mail", job => job.RunAsync(new SendMissingMail.Command(), CancellationToken.None), "*/10 * * * *");
        recurring.AddOrUpdate<CommandJob>("seal-ledger-entries", job => job.SealLedgerEntriesAsync(CancellationToken.None), configuration["Ledger:SealCron"] ?? Cron.Minutely());
        recurring.AddOrUpdate<CommandJob>("check-ledger-integrity", job => job.CheckLedgerIntegrityAsync(CancellationToken.None), Cron.Daily(3));
        recurring.AddOrUpdate<CommandJob>("prune-stripe-events", job => job.RunAsync(new PruneStripeEvents.Command(), CancellationToken.None), Cron.Daily(5));
        recurring.AddOrUpdate<CommandJob>("sweep-payouts", job => job.RunAsync(new SweepPayouts.Command(), CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<CommandJob>("reconcile-with-stripe", job => job.RunAsync(new ReconcileYesterday.Command(), CancellationToken.None), Cron.Daily(2));
        recurring.AddOrUpdate<CommandJob>("refund-expired-escrow", job => job.RunAsync(new RefundExpiredEscrow.Command(), CancellationToken.None), Cron.Daily(4));
        recurring.AddOrUpdate<CommandJob>("remind-unclaimed-deadlines", job => job.RunAsync(new RemindUnclaimedDeadlines.Command(), CancellationToken.None), Cron.Daily(9));
        recurring.AddOrUpdate<CommandJob>("mail-year-end-statements", job => job.RunAsync(new MailYearEndStatements.Command(), CancellationToken.None), "0 * * 1 *");
    }
}
