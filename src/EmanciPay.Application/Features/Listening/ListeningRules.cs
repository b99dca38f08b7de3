using EmanciPay.Application.Common;
using EmanciPay.Domain.Listening;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Listening;

/// <summary>When a session began and how long it lasted, as a listener sends them to record or correct it.</summary>
public interface IListeningTimes
{
    DateTimeOffset? StartedAt { get; }

    int? Minutes { get; }
}

/// <summary>The rules a listening session must keep, shared by recording and correcting one; a refusal names the field.</summary>
public sealed class ListeningRules : AbstractValidator<IListeningTimes>
{
    public ListeningRules(TimeProvider clock)
    {
        RuleFor(c => c.Minutes).NotNull().InclusiveBetween(1, ListeningSession.MaxMinutes)
            .WithMessage($"'Minutes' must be from 1 to {ListeningSession.MaxMinutes} (24 hours).");
        RuleFor(c => c.StartedAt).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("'Started At' is required: when the listening began (ISO 8601).")
            .Must((c, start) => start!.Value.AddMinutes(c.Minutes ?? 0) <= clock.GetUtcNow()).WithMessage("Listening cannot end in the future.")
            .Must(start => clock.GetUtcNow() < ListeningSession.ClosesAt(start!.Value))
            .WithMessage($"That month is closed: a month's log can be written until {ListeningSession.GraceDays} days into the next.");
    }

    /// <summary>Refuses a session that would make the listener's day (UTC, by when each session began) longer than 24 hours.</summary>
    public static async Task RequireRoomInTheDayAsync(IAppDbContext db, string listenerId, DateTimeOffset startedAt, int minutes, Guid? except, CancellationToken cancellationToken)
    {
        var day = new DateTimeOffset(startedAt.UtcDateTime.Date, TimeSpan.Zero);
        var next = day.AddDays(1);
        var logged = await db.ListeningSessions
            .Where(s => s.ListenerId == listenerId && s.StartedAt >= day && s.StartedAt < next && s.Id != except)
            .SumAsync(s => (int?)s.Minutes, cancellationToken) ?? 0;
        if (logged + minutes > ListeningSession.MaxMinutes)
        {
            throw new ValidationException([new ValidationFailure("Minutes", $"That would make {day:MMMM d} longer than 24 hours: {logged} minutes are already logged that day.")]);
        }
    }
}
