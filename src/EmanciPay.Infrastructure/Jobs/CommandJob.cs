using Mediator;

namespace EmanciPay.Infrastructure.Jobs;

/// <summary>Every Hangfire job is one line: send the command (ids only) through the mediator, in its own unit of work.</summary>
public sealed class CommandJob(ISender sender)
{
    public async Task RunAsync<TCommand>(TCommand command, CancellationToken cancellationToken)
        where TCommand : ICommand => await sender.Send(command, cancellationToken);

    /// <summary>Seals what has been posted since the last run, a batch at a time, each batch in its own transaction.</summary>
    public async Task SealLedgerEntriesAsync(CancellationToken cancellationToken)
    {
        var batch = new Application.Features.Ledger.SealLedgerEntries.Command();
        int sealedNow;
        do
        {
            sealedNow = await sender.Send(batch, cancellationToken);
        }
        while (sealedNow == batch.BatchSize);
    }

    /// <summary>The nightly ledger proof; its problems are logged by the check itself and visible on the dashboard as a failure.</summary>
    public async Task CheckLedgerIntegrityAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new Application.Features.Ledger.CheckLedgerIntegrity.Query(), cancellationToken);
        if (!result.Balanced)
        {
            throw new InvalidOperationException($"The ledger failed its integrity check with {result.Problems.Count} problem(s); see the log.");
        }
    }
}
