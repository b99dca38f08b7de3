using Mediator;

namespace EmanciPay.Application.Common;

/// <summary>
/// Background work, enqueued only once the current command's transaction has committed (and dropped if it rolls
/// back). Jobs are commands carrying ids; the database, not the job store, says what is still to do, and a recurring
/// sweep re-enqueues what was lost.
/// </summary>
public interface IBackgroundJobs
{
    void EnqueueAfterCommit<TCommand>(TCommand command)
        where TCommand : ICommand;

    /// <summary>Called by the transaction behaviour after commit.</summary>
    void Flush();

    /// <summary>Called by the transaction behaviour after a rollback.</summary>
    void Discard();
}
