using Mediator;

namespace EmanciPay.Application.Common;

/// <summary>
/// Background work to run once the current command commits. Each job is written to the outbox with the command's
/// own changes, so it exists if and only if they commit, and a dispatcher hands it to the job runner afterwards: a
/// crash between commit and enqueue loses nothing. Jobs are commands carrying ids.
/// </summary>
public interface IBackgroundJobs
{
    void EnqueueAfterCommit<TCommand>(TCommand command)
        where TCommand : ICommand;
}
