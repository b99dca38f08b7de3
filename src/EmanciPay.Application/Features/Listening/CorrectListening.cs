using EmanciPay.Application.Common;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Listening;

/// <summary>The listener corrects when a session of their log began and how long it lasted, until its month closes.</summary>
public static class CorrectListening
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, Guid SessionId, DateTimeOffset? StartedAt, int? Minutes) : ICommand<GetMyListening.Session>, IListeningTimes;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new ListeningRules(clock));
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, GetMyListening.Session>
    {
        public async ValueTask<GetMyListening.Session> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var session = await db.ListeningSessions.SingleOrDefaultAsync(s => s.Id == command.SessionId && s.ListenerId == command.ListenerId, cancellationToken)
                ?? throw new NotFoundException("Listening session", command.SessionId.ToString());
            if (!session.IsOpen(now))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.SessionId), "That month is closed: its log can no longer change.")]);
            }

            if (Domain.Listening.ListeningSession.MonthOf(command.StartedAt!.Value) != Domain.Listening.ListeningSession.MonthOf(session.StartedAt))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.StartedAt), "A session stays in its month: delete it and log it again instead.")]);
            }

            await ListeningRules.RequireRoomInTheDayAsync(db, command.ListenerId, command.StartedAt.Value, command.Minutes!.Value, session.Id, cancellationToken);
            session.Correct(command.StartedAt.Value, command.Minutes.Value, now);
            var station = await db.Recipients.AsNoTracking().Where(r => r.Id == session.RecipientId).Select(r => new { r.Slug, r.Name }).SingleAsync(cancellationToken);
            return new GetMyListening.Session(session.Id, station.Slug, station.Name, session.StartedAt, session.Minutes, Open: true);
        }
    }
}
