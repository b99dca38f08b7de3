using Mediator;
using EmanciPay.Application.Common;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>The nightly job: reconciles the previous UTC day.</summary>
public static class ReconcileYesterday
{
    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(ISender sender, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
            await sender.Send(new StartReconciliation.Command(today.AddDays(-1), today), cancellationToken);
            return Unit.Value;
        }
    }
}
