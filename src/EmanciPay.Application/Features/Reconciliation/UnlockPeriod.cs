using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>
/// Finance reopens a locked month, saying why (a correction that must be dated in it): postings into it are accepted
/// again until it is locked anew. The lock's row is deleted; the audit log keeps who unlocked it, when, the reason and
/// the lock as it was. Unlocking a month that is not locked changes nothing.
/// </summary>
public static class UnlockPeriod
{
    public const int MaxReasonLength = 500;

    [AllowedFor(Sender.Finance)]
    public sealed record Command(string? Month, string? Reason) : ICommand<DateOnly>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Month).NotEmpty().WithMessage("Give the month as yyyy-MM.")
                .Must(m => LockPeriod.Parse(m) is not null).WithMessage("Give the month as yyyy-MM.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("'Reason' is required: say why the month is reopened.")
                .MaximumLength(MaxReasonLength).WithoutControlCharacters(allowLineBreaks: true);
        }
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, DateOnly>
    {
        public async ValueTask<DateOnly> Handle(Command command, CancellationToken cancellationToken)
        {
            var month = LockPeriod.Parse(command.Month)!.Value;
            if (await db.LedgerPeriodLocks.SingleOrDefaultAsync(l => l.Month == month, cancellationToken) is { } locked)
            {
                db.LedgerPeriodLocks.Remove(locked);
            }

            return month;
        }
    }
}
