using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Persistence;
using Mediator;

namespace EmanciPay.Infrastructure.Jobs;

/// <summary>Writes each job to the outbox in the scope's DbContext, so it is saved (or dropped) with the command's changes.</summary>
internal sealed class OutboxJobs(AppDbContext db, TimeProvider clock) : IBackgroundJobs
{
    public void EnqueueAfterCommit<TCommand>(TCommand command)
        where TCommand : ICommand => db.OutboxMessages.Add(OutboxMessage.For(command, clock.GetUtcNow()));
}
