using EmanciPay.Application.Common;
using EmanciPay.Domain.Payouts;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>Finance rejects a payout above the approval limit, with a reason the station's managers are mailed; the reserved amount is available again.</summary>
public static class RejectPayout
{
    [AllowedFor(Sender.Finance)]
    public sealed record Command(Guid PayoutId, string? Reason) : ICommand<PayoutView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why, in words the station can act on.")
            .MaximumLength(Payout.MaxReasonLength).WithoutControlCharacters(allowLineBreaks: true);
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, PayoutBooks books) : ICommandHandler<Command, PayoutView>
    {
        public async ValueTask<PayoutView> Handle(Command command, CancellationToken cancellationToken)
        {
            var payout = await PayoutDecisions.AwaitingAsync(db, user, command.PayoutId, "rejected", cancellationToken);
            await books.RejectAsync(payout, command.Reason!.Trim(), cancellationToken);
            return PayoutViews.View(payout);
        }
    }
}
