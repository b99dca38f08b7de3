using EmanciPay.Application.Common;
using EmanciPay.Domain.Reconciliation;
using FluentValidation;
using Mediator;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>Finance asks for a period to be reconciled; the run goes to a job after commit and reports its progress.</summary>
public static class StartReconciliation
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    [AllowedFor(Sender.Finance, Sender.System)]
    public sealed record Command(DateTimeOffset? From, DateTimeOffset? To) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.From).NotNull().WithMessage("Give the start of the period.");
            RuleFor(c => c.To).NotNull().WithMessage("Give the end of the period.")
                .GreaterThan(c => c.From).When(c => c.From is not null).WithMessage("The period must end after it starts.")
                .Must((c, to) => to - c.From <= MaxPeriod).When(c => c.From is not null && c.To > c.From).WithMessage("A period is at most a year.")
                .LessThanOrEqualTo(_ => clock.GetUtcNow().AddDays(1)).WithMessage("The period cannot end in the future.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = ReconciliationRun.Request(command.From!.Value, command.To!.Value, user.UserId, clock.GetUtcNow());
            db.ReconciliationRuns.Add(run);
            jobs.EnqueueAfterCommit(new RunReconciliation.Command(run.Id));
            return ValueTask.FromResult(run.Id);
        }
    }
}
