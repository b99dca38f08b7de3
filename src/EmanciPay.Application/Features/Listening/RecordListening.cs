using EmanciPay.Application.Common;
using EmanciPay.Domain.Listening;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Listening;

/// <summary>
/// A listener logs some listening in their own log, from the site's form or their own tools with a bearer token. The
/// log is theirs: no station ever reads it.
/// </summary>
public static class RecordListening
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, string? Station, DateTimeOffset? StartedAt, int? Minutes) : ICommand<GetMyListening.Session>, IListeningTimes;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Station).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            Include(new ListeningRules(clock));
        }
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, GetMyListening.Session>
    {
        public async ValueTask<GetMyListening.Session> Handle(Command command, CancellationToken cancellationToken)
        {
            var station = await db.Recipients.AsNoTracking().Where(r => r.Slug == command.Station && r.ListedAt != null)
                .Select(r => new { r.Id, r.Slug, r.Name }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ValidationException([new ValidationFailure(nameof(Command.Station), $"There is no station '{command.Station}'.")]);
            await ListeningRules.RequireRoomInTheDayAsync(db, command.ListenerId, command.StartedAt!.Value, command.Minutes!.Value, except: null, cancellationToken);
            var session = ListeningSession.Record(command.ListenerId, station.Id, command.StartedAt.Value, command.Minutes.Value, clock.GetUtcNow());
            db.ListeningSessions.Add(session);
            return new GetMyListening.Session(session.Id, station.Slug, station.Name, session.StartedAt, session.Minutes, Open: true);
        }
    }
}
