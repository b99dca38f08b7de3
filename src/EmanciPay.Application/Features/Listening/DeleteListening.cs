using EmanciPay.Application.Common;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Listening;

/// <summary>The listener deletes a session from their log, until its month closes.</summary>
public static class DeleteListening
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, Guid SessionId) : ICommand;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var session = await db.ListeningSessions.SingleOrDefaultAsync(s => s.Id == command.SessionId && s.ListenerId == command.ListenerId, cancellationToken)
                ?? throw new NotFoundException("Listening session", command.SessionId.ToString());
            if (!session.IsOpen(clock.GetUtcNow()))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.SessionId), "That month is closed: its log can no longer change.")]);
            }

            db.ListeningSessions.Remove(session);
            return Unit.Value;
        }
    }
}
