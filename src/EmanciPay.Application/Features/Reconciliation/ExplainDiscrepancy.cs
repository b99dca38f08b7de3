using EmanciPay.Application.Common;
using EmanciPay.Domain.Reconciliation;
using FluentValidation;
using Mediator;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>Finance marks a discrepancy explained with a note (a timing difference, say); nothing is posted.</summary>
public static class ExplainDiscrepancy
{
    [AllowedFor(Sender.Finance)]
    public sealed record Command(Guid DiscrepancyId, string? Note) : ICommand<DiscrepancyView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).NotEmpty().WithMessage("Say what explains it.")
            .MaximumLength(Discrepancy.MaxNoteLength).WithoutControlCharacters(allowLineBreaks: true);
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, DiscrepancyView>
    {
        public async ValueTask<DiscrepancyView> Handle(Command command, CancellationToken cancellationToken)
        {
            var discrepancy = await Discrepancies.OpenAsync(db, command.DiscrepancyId, cancellationToken);
            discrepancy.Explained(command.Note!.Trim(), user.UserId!, clock.GetUtcNow());
            return ReconciliationViews.View(discrepancy);
        }
    }
}
