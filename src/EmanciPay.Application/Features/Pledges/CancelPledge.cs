using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// Stops a monthly pledge: by its listener when signed in, or by anyone holding the receipt's signed link. Nothing
/// already paid is undone; no further cycle is charged.
/// </summary>
public static class CancelPledge
{
    [AllowedFor(Sender.PledgeOwner)]
    public sealed record Command(Guid PledgeId, string? ListenerId, string? Token) : ICommand<Result>, IPledgeCancelLinkMessage;

    public sealed record Result(Guid PledgeId, PledgeStatus Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IPledgeCancelTokens tokens)
        {
            RuleFor(c => c.Token).Must((c, token) => tokens.Verify(c.PledgeId, token!))
                .When(c => c.ListenerId is null)
                .WithMessage("This cancel link is not valid. Use the link in your latest receipt, or sign in.");
        }
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.SingleOrDefaultAsync(p => p.Id == command.PledgeId, cancellationToken);
            if (pledge is null || (command.ListenerId is not null && pledge.ListenerId != command.ListenerId))
            {
                throw new NotFoundException("Pledge", command.PledgeId.ToString());
            }

            if (pledge.Frequency == PledgeFrequency.OneTime)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.PledgeId), "Only a monthly or per-use pledge can be cancelled.")]);
            }

            pledge.Cancel(clock.GetUtcNow());
            return new Result(pledge.Id, pledge.Status);
        }
    }
}
