using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Reconciliation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>
/// The run's job: reads the ledger's side, then Stripe's (the list API for a short period, the Reporting API's CSV for
/// a long one) with no transaction open, compares them per Stripe object, and records the counts and one discrepancy
/// per problem. Progress is committed as it goes, so the page can show it. A rerun of a period finds the discrepancies
/// it recorded before and updates them; those it no longer finds are cleared.
/// </summary>
public static partial class RunReconciliation
{
    private const int ProgressEvery = 50_000;
    private const int LookupChunk = 5000;

    [AllowedFor(Sender.System)]
    public sealed record Command(Guid RunId) : ICommand, ICallsOut;

    public sealed partial class Handler(
        IAppDbContext db,
        IUnitOfWork unitOfWork,
        IBalanceReportGateway stripe,
        ReconciliationLedger ledger,
        IOptions<ReconciliationOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = await db.ReconciliationRuns.SingleOrDefaultAsync(r => r.Id == command.RunId, cancellationToken);
            if (run is null || run.IsFinished)
            {
                return Unit.Value;
            }

            var useReport = run.To - run.From > options.Value.ListApiLimit;
            run.Start(useReport ? "report" : "list");
            await unitOfWork.CommitAsync(cancellationToken);
            try
            {
                await ReconcileAsync(run, useReport, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, run.Id, exception.GetType().Name);
                unitOfWork.Clear();
                run = await db.ReconciliationRuns.SingleAsync(r => r.Id == command.RunId, cancellationToken);
                run.Fail(exception is PaymentProviderUnavailableException ? "Stripe could not be reached; run it again later." : $"The run stopped: {exception.GetType().Name}.", clock.GetUtcNow());
            }

            return Unit.Value;
        }

        private async Task ReconcileAsync(ReconciliationRun run, bool useReport, CancellationToken cancellationToken)
        {
            var edge = options.Value.EdgeTolerance;
            var matcher = new BalanceMatcher(run.From, run.To);
            await ledger.AddAsync(matcher, run.From - edge, run.To + edge, cancellationToken);
            run.Report(30, useReport ? "Waiting for Stripe's report" : "Reading Stripe's balance transactions");
            await unitOfWork.CommitAsync(cancellationToken);

            var items = useReport ? stripe.ReportAsync(run.From - edge, run.To, cancellationToken) : stripe.ListAsync(run.From - edge, run.To, cancellationToken);
            long read = 0;
            await foreach (var item in items)
            {
                matcher.AddStripe(item);
                if (++read % ProgressEvery == 0)
                {
                    run.Report(40, $"Read {read:N0} Stripe items");
                    await unitOfWork.CommitAsync(cancellationToken);
                }
            }

            run.Report(80, "Comparing");
            await unitOfWork.CommitAsync(cancellationToken);
            var (findings, categories, matched) = matcher.Compare();
            await RecordAsync(run, findings, cancellationToken);
            db.ReconciliationCategories.AddRange(categories.Select(c => new ReconciliationCategory(run.Id, c.Category, c.StripeItems, c.LedgerItems, c.Matched, c.Discrepancies)));
            run.Succeed(matcher.StripeItems, matcher.LedgerItems, matched, findings.Count, clock.GetUtcNow());
        }

        private async Task RecordAsync(ReconciliationRun run, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var known = new Dictionary<(string, DiscrepancyKind), Discrepancy>();
            foreach (var chunk in findings.Select(f => f.SourceId).Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
            {
                foreach (var found in await db.Discrepancies.Where(d => chunk.Contains(d.SourceId)).ToListAsync(cancellationToken))
                {
                    known[(found.SourceId, found.Kind)] = found;
                }
            }

            foreach (var finding in findings)
            {
                if (!known.TryGetValue((finding.SourceId, finding.Kind), out var discrepancy))
                {
                    discrepancy = Discrepancy.Find(run.Id, finding.SourceId, finding.Kind, now);
                    db.Discrepancies.Add(discrepancy);
                    known[(finding.SourceId, finding.Kind)] = discrepancy;
                }

                discrepancy.Seen(run.Id, finding.Category, finding.Currency, finding.LedgerCurrency, finding.StripeAmount, finding.LedgerAmount, finding.StripeFee, finding.LedgerFee, finding.OccurredAt);
            }

            var stillOpen = await db.Discrepancies
                .Where(d => d.Status == DiscrepancyStatus.Open && d.OccurredAt >= run.From && d.OccurredAt < run.To && d.LastRunId != run.Id)
                .ToListAsync(cancellationToken);
            foreach (var gone in stillOpen.Where(d => !known.ContainsKey((d.SourceId, d.Kind))))
            {
                gone.Clear(run.Id);
            }
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation run {RunId} failed with {ExceptionType}")]
        private static partial void LogFailed(ILogger logger, Guid runId, string exceptionType);
    }
}
