using System.Globalization;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>Finance closes a month that has ended: nothing posts into it afterwards (LedgerBook refuses). Locking twice changes nothing.</summary>
public static class LockPeriod
{
    [AllowedFor(Sender.Finance)]
    public sealed record Command(string? Month) : ICommand<DateOnly>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => RuleFor(c => c.Month)
            .NotEmpty().WithMessage("Give the month as yyyy-MM.")
            .Must(m => Parse(m) is not null).WithMessage("Give the month as yyyy-MM.")
            .Must(m => Parse(m) is not { } month || month.AddMonths(1) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithMessage("Only a month that has ended can be locked.");
    }

    public static DateOnly? Parse(string? month) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, DateOnly>
    {
        public async ValueTask<DateOnly> Handle(Command command, CancellationToken cancellationToken)
        {
            var month = Parse(command.Month)!.Value;
            if (!await db.LedgerPeriodLocks.AnyAsync(l => l.Month == month, cancellationToken))
            {
                db.LedgerPeriodLocks.Add(new LedgerPeriodLock(month, user.UserId!, clock.GetUtcNow()));
            }

            return month;
        }
    }
}
